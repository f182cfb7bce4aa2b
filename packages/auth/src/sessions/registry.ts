import { createError } from '@proj/errors';
import type { Session } from './session.js';

/** Policy applied when a user already has the maximum number of sessions. */
export type SessionLimitPolicy = 'reject' | 'close-oldest';

/** Options for {@link SessionRegistry}. */
export interface SessionRegistryOptions {
  /** Maximum sessions per user; unlimited when unset. */
  maxSessionsPerUser?: number;
  /** `reject` refuses the new session (close 4429); `close-oldest` evicts the oldest. `reject` by default. */
  limitPolicy?: SessionLimitPolicy;
}

/** The outcome of {@link SessionRegistry.add}. */
export interface AddSessionResult {
  /** Sessions evicted by the `close-oldest` policy; close their connections. */
  readonly evicted: readonly Session[];
}

/**
 * Live sessions by id and by user, with a per-user cap.
 *
 * @example
 * const registry = new SessionRegistry({ maxSessionsPerUser: 5, limitPolicy: 'close-oldest' });
 * const { evicted } = registry.add(session);
 */
export class SessionRegistry {
  readonly #byId = new Map<string, Session>();
  // A user's session ids: the id itself while the user has one session, which
  // is the usual case, and a Set from the second on, so one session costs no Set.
  readonly #byUser = new Map<string, string | Set<string>>();
  readonly #maxPerUser: number;
  readonly #policy: SessionLimitPolicy;

  /**
   * @throws {ConfigError} `ERR_CONFIG_INVALID` when the cap is not a positive integer.
   */
  constructor(options: SessionRegistryOptions = {}) {
    const max = options.maxSessionsPerUser ?? Number.POSITIVE_INFINITY;
    if (max !== Number.POSITIVE_INFINITY && (!Number.isInteger(max) || max < 1)) {
      throw createError('ERR_CONFIG_INVALID', 'maxSessionsPerUser must be a positive integer');
    }
    this.#maxPerUser = max;
    this.#policy = options.limitPolicy ?? 'reject';
  }

  /** Number of live sessions. */
  get size(): number {
    return this.#byId.size;
  }

  /**
   * Adds a session, applying the per-user cap.
   *
   * @throws {RateLimitError} `ERR_AUTH_SESSION_LIMIT` under the `reject` policy when the user is at the cap.
   */
  add(session: Session): AddSessionResult {
    const existing = this.byUser(session.userId);
    const excess = existing.length + 1 - this.#maxPerUser;
    if (excess > 0 && this.#policy === 'reject') {
      throw createError('ERR_AUTH_SESSION_LIMIT', `user has reached the maximum of ${this.#maxPerUser} sessions`);
    }
    const evicted = excess > 0 ? existing.slice(0, excess) : [];
    for (const old of evicted) this.remove(old.id);
    this.#byId.set(session.id, session);
    const ids = this.#byUser.get(session.userId);
    if (ids === undefined) this.#byUser.set(session.userId, session.id);
    else if (typeof ids === 'string') this.#byUser.set(session.userId, new Set([ids, session.id]));
    else ids.add(session.id);
    return { evicted };
  }

  /** Replaces a live session with the same id and user, for example after a refresh; returns false when absent. */
  replace(session: Session): boolean {
    const current = this.#byId.get(session.id);
    if (current === undefined || current.userId !== session.userId) return false;
    this.#byId.set(session.id, session);
    return true;
  }

  /** Removes a session; returns false when it was not registered. */
  remove(id: string): boolean {
    const session = this.#byId.get(id);
    if (session === undefined) return false;
    this.#byId.delete(id);
    const ids = this.#byUser.get(session.userId);
    if (ids === id) {
      this.#byUser.delete(session.userId);
    } else if (typeof ids === 'object') {
      ids.delete(id);
      if (ids.size === 0) this.#byUser.delete(session.userId);
    }
    return true;
  }

  /** Returns a session by id. */
  get(id: string): Session | undefined {
    return this.#byId.get(id);
  }

  /** Returns a user's sessions, oldest first. */
  byUser(userId: string): Session[] {
    const ids = this.#byUser.get(userId);
    if (ids === undefined) return [];
    const sessions: Session[] = [];
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      const session = this.#byId.get(id);
      if (session !== undefined) sessions.push(session);
    }
    return sessions.sort((a, b) => a.connectedAt - b.connectedAt);
  }

  /** Returns every session for which `predicate` is true. */
  filter(predicate: (session: Session) => boolean): Session[] {
    return [...this.#byId.values()].filter(predicate);
  }
}
