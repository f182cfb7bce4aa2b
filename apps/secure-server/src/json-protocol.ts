import { type Session, refreshSession } from '@proj/auth';
import { createError, toProjError } from '@proj/errors';
import type { Connection } from '@proj/server';
import { type MessageOf, createDispatcher, defineProtocol, toMessageErrorReply, z } from '@proj/validation';
import * as events from './auth-events.js';
import { type Authenticator, toClientAuthError } from './authenticator.js';
import { echoReply } from './json-reply.js';
import { type LiveSessions } from './live-sessions.js';

const requestId = z.string().min(1).max(64).optional();

/** Messages an authenticated JSON client may send. */
export const jsonProtocol = defineProtocol({
  'auth.refresh': z.object({ token: z.string().min(1).max(8_192), requestId }),
  logout: z.object({ requestId }),
  whoami: z.object({ requestId }),
  echo: z.object({ text: z.string().max(60_000), requestId }),
});

type JsonMessage = MessageOf<typeof jsonProtocol>;

/** What the JSON protocol handlers need. */
export interface JsonProtocolContext {
  sessions: LiveSessions;
  authenticator: Authenticator;
}

/**
 * Builds the handler of authenticated JSON messages: `auth.refresh`,
 * `logout`, `whoami` and `echo`. Every message goes through the hardened
 * parser of `@proj/validation`. It returns a promise only for
 * `auth.refresh`, the one type that waits for anything.
 *
 * @throws {ValidationError} the parser's error (close code 4400) for an invalid
 * message. The server's error boundary sends the error reply, keeps the
 * connection open and counts the message against the invalid-message budget.
 */
export function createJsonProtocol(context: JsonProtocolContext): (connection: Connection<Session>, text: string) => void | Promise<void> {
  // Whether the message being dispatched came as text with no backslash. Set
  // before each dispatch and read only by the synchronous echo handler.
  let escapeFree = false;
  const reply = (connection: Connection<Session>, body: Record<string, unknown>, id: string | undefined): void => {
    connection.send(JSON.stringify(id === undefined ? body : { ...body, requestId: id }));
  };

  const dispatcher = createDispatcher<JsonMessage, Connection<Session>, void | Promise<void>>(jsonProtocol, {
    async 'auth.refresh'(message, connection) {
      const current = connection.session;
      if (current === undefined) return;
      let verified;
      try {
        verified = await context.authenticator.verify(message.token, 'first-message', connection.log);
      } catch (err) {
        const error = toProjError(err);
        events.logRefreshFailed(connection.log, error);
        connection.send(JSON.stringify(toMessageErrorReply(toClientAuthError(error), message.requestId)));
        return;
      }
      if (verified.userId !== current.userId) {
        const error = createError('ERR_AUTH_TOKEN_INVALID', 'refresh token belongs to another user');
        events.logRefreshFailed(connection.log, error);
        connection.fail(error);
        return;
      }
      const refreshed = refreshSession(current, verified);
      context.sessions.refresh(connection, refreshed);
      events.logRefreshed(connection.log, refreshed);
      reply(connection, { type: 'auth.refreshed', expiresAt: refreshed.expiresAt }, message.requestId);
    },
    logout(_message, connection) {
      context.sessions.logout(connection);
    },
    whoami(message, connection) {
      const session = connection.session;
      if (session === undefined) return;
      const { userId, id: sessionId, expiresAt, connectedAt } = session;
      reply(connection, { type: 'whoami', userId, sessionId, expiresAt, connectedAt }, message.requestId);
    },
    echo(message, connection) {
      connection.send(echoReply(message.text, message.requestId, escapeFree));
    },
  });

  // Synchronous for every type but auth.refresh, so an echo costs no promise.
  return (connection, text) => {
    const message = jsonProtocol.parse(text);
    escapeFree = !text.includes('\\');
    return dispatcher.dispatch(message, connection);
  };
}
