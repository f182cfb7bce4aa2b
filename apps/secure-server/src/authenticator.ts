import { type CredentialSource, type Session, type TokenVerifier, type VerifiedToken, createSession } from '@proj/auth';
import { type ProjError, createError, toProjError } from '@proj/errors';
import type { Logger } from '@proj/logger';
import * as events from './auth-events.js';

/**
 * Verifies a token from any source and logs the outcome once. Failures come
 * back as toolkit errors whose message contains the precise reason.
 */
export class Authenticator {
  readonly #verifier: TokenVerifier;

  constructor(verifier: TokenVerifier) {
    this.#verifier = verifier;
  }

  /**
   * Verifies a token and builds a session for it.
   *
   * @throws {ProjError} the verifier's error, already logged.
   */
  async authenticate(options: { token: string; source: CredentialSource; sessionId: string; remoteAddress: string; log: Logger }): Promise<Session> {
    const verified = await this.verify(options.token, options.source, options.log);
    return createSession({ id: options.sessionId, token: verified, remoteAddress: options.remoteAddress });
  }

  /**
   * Verifies a token, logging a failure with its reason and a fingerprint.
   *
   * @throws {ProjError} the verifier's error, already logged.
   */
  async verify(token: string, source: CredentialSource, log: Logger): Promise<VerifiedToken> {
    try {
      return await this.#verifier.verify(token);
    } catch (err) {
      const error = toProjError(err);
      events.logAuthenticationFailed(log, error, source, token);
      throw error;
    }
  }
}

/**
 * Returns the error a client is shown for a failed authentication. Missing,
 * malformed and invalid tokens look alike from outside; expiry, revocation
 * and an unreachable key set keep their own codes.
 */
export function toClientAuthError(error: ProjError): ProjError {
  switch (error.code) {
    case 'ERR_AUTH_TOKEN_EXPIRED':
    case 'ERR_AUTH_TOKEN_REVOKED':
    case 'ERR_AUTH_KEYS_UNAVAILABLE':
    case 'ERR_AUTH_SESSION_LIMIT':
    case 'ERR_AUTH_REQUIRED':
      return error;
    default:
      return createError('ERR_AUTH_TOKEN_INVALID');
  }
}
