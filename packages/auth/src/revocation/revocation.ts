/**
 * One revocation. `expiresAt` (seconds since the epoch) is when the entry may
 * be forgotten because no token it revokes can still be valid.
 */
export type Revocation =
  | { readonly kind: 'token'; readonly tokenId: string; readonly expiresAt: number }
  | { readonly kind: 'user'; readonly userId: string; readonly expiresAt: number }
  | { readonly kind: 'issued-before'; readonly userId: string; readonly before: number; readonly expiresAt: number };

/** The claims of a token or session that revocations are matched against. */
export interface TokenIdentity {
  /** The token's `jti`, when it has one. */
  readonly tokenId?: string;
  /** The user id from `sub` or `user_id`. */
  readonly userId: string;
  /** The token's `iat` in seconds, when it has one. */
  readonly issuedAt?: number;
}

/**
 * Tells whether a revocation applies to a token. A token without `iat`
 * cannot prove it was issued after a cut-off, so `issued-before` revokes it.
 *
 * @example
 * if (revocationMatches(revocation, session)) session.close();
 */
export function revocationMatches(revocation: Revocation, token: TokenIdentity): boolean {
  switch (revocation.kind) {
    case 'token':
      return token.tokenId === revocation.tokenId;
    case 'user':
      return token.userId === revocation.userId;
    case 'issued-before':
      return token.userId === revocation.userId && (token.issuedAt === undefined || token.issuedAt < revocation.before);
  }
}

/**
 * Storage for revocations. Every method is async so that a store shared by
 * several server instances (Redis, a database) fits the same interface. The
 * toolkit ships {@link MemoryRevocationStore} for a single instance.
 */
export interface RevocationStore {
  /**
   * Records a revocation and notifies subscribers.
   *
   * @throws {UnavailableError} `ERR_AUTH_REVOCATION_STORE_FULL` when the store cannot hold another entry.
   */
  revoke(revocation: Revocation): Promise<void>;
  /** Resolves with a live revocation that applies to the token, or undefined. */
  find(token: TokenIdentity): Promise<Revocation | undefined>;
  /**
   * Calls `listener` for each new revocation, including ones recorded by other
   * instances in a shared store, and returns a function that unsubscribes.
   */
  subscribe(listener: (revocation: Revocation) => void): () => void;
}
