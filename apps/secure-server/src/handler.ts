import { type Session, detectProtocol, readFirstMessageCredential } from '@proj/auth';
import { type ProjError, createError, toErrorReply, toProjError } from '@proj/errors';
import type { Connection, ConnectionHandler } from '@proj/server';
import { toMessageErrorReply } from '@proj/validation';
import * as events from './auth-events.js';
import { type Authenticator, toClientAuthError } from './authenticator.js';
import { createJsonProtocol } from './json-protocol.js';
import type { LiveSessions } from './live-sessions.js';
import { MessageQueue, type QueueLimit } from './message-queue.js';

/** Replies of the seed-compatible text protocol, byte for byte. */
export const Reply = {
  AUTHENTICATED: 'Authenticated!',
  TOKEN_EXPIRED: 'Token Expired',
  AUTH_FAILED: 'Authentication failed',
  ECHO_PREFIX: 'Server received: ',
} as const;

/** Options for {@link createSecureHandler}. */
export interface SecureHandlerOptions {
  authenticator: Authenticator;
  sessions: LiveSessions;
  /** Milliseconds a connection has to authenticate. */
  authTimeoutMs: number;
  /** Bounds of the queue of messages waiting behind one in flight. */
  queueLimit: QueueLimit;
}

// Kept only for a connection that needs it: one waiting for first-message
// authentication, or one whose handler has returned a promise. A connection
// authenticated at the upgrade that only sends synchronous messages has none.
interface ConnectionState {
  /** The authentication deadline of a connection that did not authenticate at the upgrade. */
  deadline: NodeJS.Timeout | undefined;
  /** Messages that arrive while first-message authentication or auth.refresh is in flight wait here, in order. */
  queue: MessageQueue | undefined;
}

/**
 * Builds the secure server's connection handler. A connection authenticates
 * at the upgrade or with its first message. A first message starting with `{`
 * selects the JSON protocol, and anything else the text protocol.
 */
export function createSecureHandler(options: SecureHandlerOptions): ConnectionHandler<Session> {
  const { authenticator, sessions } = options;
  const states = new Map<string, ConnectionState>();
  const handleJson = createJsonProtocol({ sessions, authenticator });

  async function authenticate(connection: Connection<Session>, state: ConnectionState | undefined, text: string): Promise<void> {
    let protocol = detectProtocol(text);
    try {
      const credential = readFirstMessageCredential(text);
      protocol = credential.protocol;
      const session = await authenticator.authenticate({
        token: credential.token,
        source: 'first-message',
        sessionId: connection.id,
        remoteAddress: connection.remoteAddress,
        log: connection.log,
      });
      if (!connection.isOpen) return;
      sessions.open(connection, session, protocol);
      clearTimeout(state?.deadline);
      events.logAuthenticated(connection.log, session, 'first-message');
      if (protocol === 'text') connection.send(Reply.AUTHENTICATED);
      else connection.send(JSON.stringify({ type: 'auth.ok', userId: session.userId, sessionId: session.id, expiresAt: session.expiresAt }));
      sessions.startExpiry(connection.id);
    } catch (err) {
      clearTimeout(state?.deadline);
      reject(connection, toProjError(err), protocol);
    }
  }

  function reject(connection: Connection<Session>, error: ProjError, protocol: 'text' | 'json'): void {
    // A JSON first message that fails parsing gets the parser's code in its
    // reply, then the connection closes like any other message before authentication.
    if (isMessageError(error)) {
      events.logAuthenticationRequired(connection.log, error);
      connection.send(JSON.stringify(toMessageErrorReply(error)));
      connection.fail(createError('ERR_AUTH_REQUIRED'));
      return;
    }
    if (error.code === 'ERR_AUTH_REQUIRED') events.logAuthenticationRequired(connection.log, error);
    const shown = toClientAuthError(error);
    if (protocol === 'text') {
      connection.send(shown.code === 'ERR_AUTH_TOKEN_EXPIRED' ? Reply.TOKEN_EXPIRED : Reply.AUTH_FAILED);
    } else {
      connection.send(JSON.stringify(toErrorReply(shown)));
    }
    connection.fail(shown);
  }

  // Returns a promise only for the steps that wait: first-message authentication and auth.refresh.
  function handle(connection: Connection<Session>, state: ConnectionState | undefined, text: string): void | Promise<void> {
    if (!connection.isOpen) return;
    if (connection.session === undefined) return authenticate(connection, state, text);

    let protocol = sessions.protocolOf(connection.id);
    if (protocol === undefined) {
      protocol = detectProtocol(text);
      sessions.setProtocol(connection.id, protocol);
    }
    if (protocol === 'json') return handleJson(connection, text);
    connection.send(Reply.ECHO_PREFIX + text);
  }

  // A message that does not fit the queue is handled like one over the rate
  // limit: the first gets an ERR_RATE_LIMITED reply and is dropped, the next closes with 4429.
  function overflow(connection: Connection<Session>, queue: MessageQueue): void {
    const error = createError('ERR_RATE_LIMITED', 'too many messages waiting for authentication to finish');
    if (queue.overflowWarned) {
      events.logQueueFull(connection.log, error, 'closed');
      connection.fail(error);
      return;
    }
    queue.overflowWarned = true;
    events.logQueueFull(connection.log, error, 'warned');
    connection.send(JSON.stringify(toMessageErrorReply(error)));
  }

  function queueOf(connectionId: string, state: ConnectionState | undefined): MessageQueue {
    const current = state ?? { deadline: undefined, queue: undefined };
    if (state === undefined) states.set(connectionId, current);
    current.queue ??= new MessageQueue(options.queueLimit);
    return current.queue;
  }

  return {
    onOpen(connection) {
      const upgraded = connection.session;
      if (upgraded !== undefined) {
        const session = { ...upgraded, id: connection.id };
        try {
          sessions.open(connection, session, undefined);
          sessions.startExpiry(connection.id);
        } catch (err) {
          connection.fail(toProjError(err));
        }
        return;
      }
      const deadline = setTimeout(() => {
        if (connection.session !== undefined) return;
        events.logAuthenticationTimeout(connection.log);
        connection.fail(createError('ERR_AUTH_TIMEOUT'));
      }, options.authTimeoutMs);
      states.set(connection.id, { deadline, queue: undefined });
    },
    onMessage(connection, text) {
      if (!connection.isOpen) return;
      const state = states.get(connection.id);
      const queue = state?.queue;
      if (queue === undefined || queue.idle) {
        const result = handle(connection, state, text);
        // A closing connection gets no new state, because its onClose may already have run and would not remove it.
        if (result === undefined || !connection.isOpen) return result;
        return queueOf(connection.id, state).track(result);
      }
      const bytes = Buffer.byteLength(text);
      if (!queue.fits(bytes)) {
        overflow(connection, queue);
        return;
      }
      queue.overflowWarned = false;
      return queue.enqueue(bytes, () => handle(connection, state, text));
    },
    onClose(connection) {
      const state = states.get(connection.id);
      clearTimeout(state?.deadline);
      states.delete(connection.id);
      sessions.forget(connection.id);
    },
  };
}

// Errors of the message parser: invalid JSON, nesting, forbidden keys, schema, size.
function isMessageError(error: ProjError): boolean {
  return error.spec.kind === 'validation' || error.spec.kind === 'payload-too-large';
}
