/** A fixed-window message count: the window opened at `startedAt` (ms, monotonic clock) and contains `count` messages. */
export interface WindowCount {
  startedAt: number;
  count: number;
}

/** A limit of `points` messages per window of `windowMs` milliseconds. */
export interface WindowLimit {
  readonly points: number;
  readonly windowMs: number;
}

/** Creates an empty window count that the first message opens. */
export function emptyWindow(): WindowCount {
  return { startedAt: Number.NEGATIVE_INFINITY, count: 0 };
}

/**
 * Counts one message at `now` and returns whether the window is now over its
 * limit. A message over the limit is counted too, as rate-limiter-flexible's
 * `consume` did, so a client that keeps sending stays over until the window ends.
 */
export function countMessage(window: WindowCount, limit: WindowLimit, now: number): boolean {
  if (now - window.startedAt >= limit.windowMs) {
    window.startedAt = now;
    window.count = 0;
  }
  window.count += 1;
  return window.count > limit.points;
}

/**
 * Fixed-window counts per key (an address or a user id) in a `Map` of at most
 * `maxKeys` entries. A window that restarts is moved to the end of the map, so
 * the map stays ordered by window start and expired windows sit at its front.
 */
export class KeyedWindows {
  readonly #windows = new Map<string, WindowCount>();
  readonly #limit: WindowLimit;
  readonly #maxKeys: number;

  constructor(limit: WindowLimit, maxKeys: number) {
    this.#limit = limit;
    this.#maxKeys = maxKeys;
  }

  /** Number of keys with a window, expired or not. */
  get size(): number {
    return this.#windows.size;
  }

  /** Counts one message for `key` at `now` and returns whether the key is now over its limit. */
  count(key: string, now: number): boolean {
    let window = this.#windows.get(key);
    if (window === undefined || now - window.startedAt >= this.#limit.windowMs) {
      if (window === undefined) this.#makeRoom(now);
      else this.#windows.delete(key);
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.#limit.points;
  }

  // Drops expired windows from the front, then the oldest live ones while the map is full.
  // NOTE: Dropping a live window lets its key start over. That happens only when more than
  // maxKeys keys sent messages within one window, and the per-connection limit still applies.
  #makeRoom(now: number): void {
    for (const [key, window] of this.#windows) {
      const expired = now - window.startedAt >= this.#limit.windowMs;
      if (!expired && this.#windows.size < this.#maxKeys) return;
      this.#windows.delete(key);
    }
  }
}
