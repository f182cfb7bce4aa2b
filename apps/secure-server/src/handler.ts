import type { KeyObject } from 'node:crypto';
import { createKeySet, createTokenVerifier, createVerificationKey } from '@proj/auth';
import { createError, toProjError } from '@proj/errors';
import type { Connection, ConnectionHandler } from '@proj/server';

/** Replies of the seed-compatible text protocol, byte for byte. */
export const Reply = {
  AUTHENTICATED: 'Authenticated!',
  TOKEN_EXPIRED: 'Token Expired',
  AUTH_FAILED: 'Authentication failed',
  ECHO_PREFIX: 'Server received: ',
} as const;

/** What an authenticated connection carries. */
export interface Session {
  readonly userId: string;
  readonly expiresAt: number;
}

/** Options for {@link createSecureHandler}. */
export interface SecureHandlerOptions {
  key: KeyObject;
  clockToleranceSeconds: number;
  authTimeoutMs: number;
}

/**
 * The text protocol: the first message is a JWT; afterwards every message is
 * echoed for the authenticated user until the token expires.
 */
export function createSecureHandler(options: SecureHandlerOptions): ConnectionHandler<Session> {
  const timers = new WeakMap<Connection<Session>, NodeJS.Timeout>();
  const verifier = createTokenVerifier({
    keys: createKeySet([createVerificationKey({ key: options.key, algorithms: ['HS256'] })]),
    algorithms: ['HS256'],
    clockToleranceSeconds: options.clockToleranceSeconds,
  });

  function arm(connection: Connection<Session>, delayMs: number, code: 'ERR_AUTH_TIMEOUT' | 'ERR_AUTH_TOKEN_EXPIRED'): void {
    clearTimeout(timers.get(connection));
    // setTimeout caps delays at 2^31-1 ms; a longer expiry is re-armed when it fires.
    const delay = Math.min(Math.max(0, delayMs), 2_147_483_647);
    timers.set(
      connection,
      setTimeout(() => {
        const session = connection.session;
        if (code === 'ERR_AUTH_TOKEN_EXPIRED' && session && session.expiresAt * 1000 > Date.now()) {
          arm(connection, session.expiresAt * 1000 - Date.now(), code);
          return;
        }
        connection.log.info({ code }, code === 'ERR_AUTH_TIMEOUT' ? 'authentication deadline passed' : 'session expired');
        connection.fail(createError(code));
      }, delay),
    );
  }

  async function authenticate(connection: Connection<Session>, token: string): Promise<void> {
    try {
      const verified = await verifier.verify(token.trim());
      connection.session = { userId: verified.userId, expiresAt: verified.expiresAt };
      connection.log.info({ userId: verified.userId }, 'authenticated');
      connection.send(Reply.AUTHENTICATED);
      arm(connection, verified.expiresAt * 1000 + options.clockToleranceSeconds * 1000 - Date.now(), 'ERR_AUTH_TOKEN_EXPIRED');
    } catch (err) {
      const error = toProjError(err);
      // The precise reason stays in the log; the client gets a fixed reply.
      connection.log[error.spec.logLevel]({ code: error.code, reason: error.message }, 'authentication failed');
      clearTimeout(timers.get(connection));
      connection.send(error.code === 'ERR_AUTH_TOKEN_EXPIRED' ? Reply.TOKEN_EXPIRED : Reply.AUTH_FAILED);
      connection.fail(error.code === 'ERR_AUTH_TOKEN_EXPIRED' ? error : createError('ERR_AUTH_TOKEN_INVALID'));
    }
  }

  return {
    onOpen(connection) {
      arm(connection, options.authTimeoutMs, 'ERR_AUTH_TIMEOUT');
    },
    async onMessage(connection, text) {
      if (connection.session === undefined) {
        await authenticate(connection, text);
        return;
      }
      connection.send(Reply.ECHO_PREFIX + text);
    },
    onClose(connection) {
      clearTimeout(timers.get(connection));
      timers.delete(connection);
    },
  };
}
