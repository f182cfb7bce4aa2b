import type { VerifiedToken } from '../verifier.js';

/** One authenticated connection. */
export interface Session {
  /** Random session id; the connection id serves well. */
  readonly id: string;
  /** From the token's `sub` or `user_id`. */
  readonly userId: string;
  /** The token's `jti`, when present. */
  readonly tokenId?: string;
  /** The token's `iat` in seconds, when present. */
  readonly issuedAt?: number;
  /** Every claim of the current token. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** When the connection authenticated, in milliseconds since the epoch. */
  readonly connectedAt: number;
  /** The current token's `exp` in seconds since the epoch; a refresh moves it. */
  readonly expiresAt: number;
  /** Client address as the server saw it. */
  readonly remoteAddress: string;
}

/** Options for {@link createSession}. */
export interface CreateSessionOptions {
  /** Session id, usually the connection id. */
  id: string;
  /** The verified token. */
  token: VerifiedToken;
  /** Client address. */
  remoteAddress: string;
  /** Milliseconds since the epoch; `Date.now()` by default. */
  connectedAt?: number;
}

/**
 * Builds a frozen session from a verified token.
 *
 * @example
 * const session = createSession({ id: connection.id, token: verified, remoteAddress });
 */
export function createSession(options: CreateSessionOptions): Session {
  const { token } = options;
  return Object.freeze({
    id: options.id,
    userId: token.userId,
    ...(token.tokenId === undefined ? {} : { tokenId: token.tokenId }),
    ...(token.issuedAt === undefined ? {} : { issuedAt: token.issuedAt }),
    claims: token.claims,
    connectedAt: options.connectedAt ?? Date.now(),
    expiresAt: token.expiresAt,
    remoteAddress: options.remoteAddress,
  });
}

/**
 * Returns a copy of a session carrying a refreshed token; the id, user,
 * address and connection time stay.
 *
 * @example
 * registry.replace(refreshSession(session, verified));
 */
export function refreshSession(session: Session, token: VerifiedToken): Session {
  return createSession({ id: session.id, token, remoteAddress: session.remoteAddress, connectedAt: session.connectedAt });
}
