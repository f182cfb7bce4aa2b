import { createError } from '@proj/errors';
import { type Revocation, type RevocationStore, type TokenIdentity, revocationMatches } from './revocation.js';

/** Options for {@link MemoryRevocationStore}. */
export interface MemoryRevocationStoreOptions {
  /** Maximum entries held at once; 100,000 by default. */
  maxEntries?: number;
  /** Current time in seconds since the epoch; tests freeze it. */
  now?: () => number;
}

/**
 * A revocation store in process memory for a single server instance. Each
 * entry is dropped once it expires with the tokens it revokes. When the store
 * is full of live entries, a new revocation is rejected rather than an old one
 * dropped, because forgetting a revocation would let a revoked token back in.
 *
 * @example
 * const store = new MemoryRevocationStore();
 * await store.revoke({ kind: 'token', tokenId: 'a1', expiresAt: claims.exp });
 */
export class MemoryRevocationStore implements RevocationStore {
  readonly #entries = new Map<string, Revocation>();
  readonly #listeners = new Set<(revocation: Revocation) => void>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryRevocationStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** Number of entries held, expired ones included until the next sweep. */
  get size(): number {
    return this.#entries.size;
  }

  async revoke(revocation: Revocation): Promise<void> {
    const key = keyOf(revocation);
    const merged = merge(this.#entries.get(key), revocation);
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxEntries) {
      this.#sweep();
      if (this.#entries.size >= this.#maxEntries) {
        throw createError('ERR_AUTH_REVOCATION_STORE_FULL', `revocation store is full: ${this.#maxEntries} live entries; raise maxEntries or shorten expiresAt`);
      }
    }
    this.#entries.set(key, merged);
    for (const listener of this.#listeners) listener(merged);
  }

  async find(token: TokenIdentity): Promise<Revocation | undefined> {
    const candidates = [`user:${token.userId}`, `issued-before:${token.userId}`];
    if (token.tokenId !== undefined) candidates.push(`token:${token.tokenId}`);
    const now = this.#now();
    for (const key of candidates) {
      const entry = this.#entries.get(key);
      if (entry === undefined) continue;
      if (entry.expiresAt <= now) {
        this.#entries.delete(key);
        continue;
      }
      if (revocationMatches(entry, token)) return entry;
    }
    return undefined;
  }

  subscribe(listener: (revocation: Revocation) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

function keyOf(revocation: Revocation): string {
  return revocation.kind === 'token' ? `token:${revocation.tokenId}` : `${revocation.kind}:${revocation.userId}`;
}

// A second revocation of the same key widens the first: the later cut-off and the later expiry win.
function merge(existing: Revocation | undefined, next: Revocation): Revocation {
  if (existing === undefined || existing.kind !== next.kind) return next;
  const expiresAt = Math.max(existing.expiresAt, next.expiresAt);
  if (existing.kind === 'issued-before' && next.kind === 'issued-before') {
    return { ...next, before: Math.max(existing.before, next.before), expiresAt };
  }
  return { ...next, expiresAt };
}
