import type { CredentialSource, Revocation, Session } from '@proj/auth';
import type { ProjError } from '@proj/errors';
import { type Logger, fingerprintToken, untrusted } from '@proj/logger';

// Every authentication log line of the secure server comes from this module.
// A token appears only as a short fingerprint; the reason is the error's own
// message, which names the failed check and never contains the token.

/**
 * Logs a successful authentication at `debug`: `ws_auth_total` counts every
 * one, and a line per connection cost more than the JWT check under load.
 */
export function logAuthenticated(log: Logger, session: Session, source: CredentialSource): void {
  log.debug({ userId: session.userId, sessionId: session.id, source, expiresAt: session.expiresAt }, 'authenticated');
}

/** Logs a rejected credential with the precise reason. */
export function logAuthenticationFailed(log: Logger, error: ProjError, source: CredentialSource, token?: string): void {
  const fields = { code: error.code, reason: error.message, source };
  log[error.spec.logLevel](token === undefined ? fields : { ...fields, tokenFingerprint: fingerprintToken(token) }, 'authentication failed');
}

/** Logs the authentication deadline closing a silent connection. */
export function logAuthenticationTimeout(log: Logger): void {
  log.info({ code: 'ERR_AUTH_TIMEOUT' }, 'authentication deadline passed');
}

/** Logs a message other than authentication before the connection authenticated. */
export function logAuthenticationRequired(log: Logger, error: ProjError): void {
  log.info({ code: error.code, reason: error.message }, 'message before authentication');
}

/** Logs a successful token refresh. */
export function logRefreshed(log: Logger, session: Session): void {
  log.info({ userId: session.userId, sessionId: session.id, expiresAt: session.expiresAt }, 'session refreshed');
}

/** Logs a failed refresh; the session keeps its current expiry. */
export function logRefreshFailed(log: Logger, error: ProjError): void {
  log[error.spec.logLevel]({ code: error.code, reason: error.message }, 'session refresh failed');
}

/** Logs the end of a session: expiry, revocation, eviction or logout. */
export function logSessionEnded(log: Logger, session: Session, cause: 'expired' | 'revoked' | 'evicted' | 'logout'): void {
  log.info({ userId: session.userId, sessionId: session.id, cause }, 'session ended');
}

/** Logs a recorded revocation and how many live sessions it closed. */
export function logRevoked(log: Logger, revocation: Revocation, closedSessions: number): void {
  log.warn({ revocation, closedSessions }, 'revocation recorded');
}

// The request target without its query string, which may carry a user id, and truncated.
function adminPath(target: string | undefined): string {
  const path = (target ?? '/').split('?', 1)[0] ?? '/';
  return untrusted(path, 128);
}

/** Logs a failed admin request with its response status; a server fault also logs the error. */
export function logAdminRejected(log: Logger, error: ProjError, target: string | undefined): void {
  const fields = { code: error.code, status: error.spec.httpStatus, path: adminPath(target) };
  if (error.spec.logLevel === 'error') log.error({ ...fields, err: error }, 'admin request failed');
  else log.warn({ ...fields, reason: error.message }, 'admin request rejected');
}

/** Logs an admin request for an unknown route. */
export function logAdminNotFound(log: Logger, target: string | undefined): void {
  log.warn({ status: 404, path: adminPath(target) }, 'admin request rejected');
}

/** Logs the admin endpoint listening. */
export function logAdminListening(log: Logger, address: { host: string; port: number }): void {
  log.info(address, 'admin listening');
}

/** Logs a message that did not fit the queue behind authentication: `warned` replied, `closed` closed with 4429. */
export function logQueueFull(log: Logger, error: ProjError, action: 'warned' | 'closed'): void {
  log.warn({ code: error.code, reason: error.message, action }, 'message queue full');
}
