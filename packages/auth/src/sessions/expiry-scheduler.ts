import TinyQueue from 'tinyqueue';

/** Options for {@link createExpiryScheduler}. */
export interface ExpirySchedulerOptions<K> {
  /** Milliseconds before expiry at which `onWarning` runs; no warning when 0. */
  warnBeforeMs: number;
  /** Runs once per scheduled expiry time of `key`, `warnBeforeMs` before it. */
  onWarning(key: K, expiresInMs: number): void;
  /** Runs when the expiry time of `key` passes; the key is then no longer scheduled. */
  onExpiry(key: K): void;
  /** Current time in milliseconds; tests replace it. */
  now?: () => number;
}

/** One timer that warns before and fires at the expiry times of many keys. */
export interface ExpiryScheduler<K> {
  /**
   * Sets the expiry time of `key` in milliseconds since the epoch, replacing
   * its previous one. A time already past expires the key at once, and a time
   * inside the warning window warns at once.
   */
  schedule(key: K, expiresAtMs: number): void;
  /** Removes `key`, so neither callback runs for it. */
  cancel(key: K): void;
  /** Number of keys scheduled. */
  readonly size: number;
  /** Removes every key and stops the timer; later `schedule` calls do nothing. */
  stop(): void;
}

interface Entry<K> {
  readonly key: K;
  readonly expiresAt: number;
  /** When the entry is next due: the warning time, then the expiry time. */
  due: number;
  warned: boolean;
}

// setTimeout fires at once for delays above 2^31-1 ms, so longer waits are re-armed.
const MAX_TIMEOUT_MS = 2_147_483_647;

// A cancelled or moved key leaves its old entry in the queue until it is due.
// Past this many stale entries per live one, the queue is rebuilt, so a
// client that refreshes its token in a loop cannot grow it without bound.
const STALE_RATIO = 2;
const MIN_REBUILD_LENGTH = 64;

/**
 * Creates one timer for the expiry times of many sessions. Entries wait in a
 * priority queue ordered by the time they are next due, and a single
 * `Timeout` is armed for the earliest. A server holding many sessions then
 * keeps one timer instead of a `Timeout` and its closures per session.
 *
 * @example
 * const expiry = createExpiryScheduler<string>({ warnBeforeMs: 30_000, onWarning: warn, onExpiry: close });
 * expiry.schedule(connection.id, session.expiresAt * 1000);
 * expiry.cancel(connection.id); // when the connection closes
 */
export function createExpiryScheduler<K>(options: ExpirySchedulerOptions<K>): ExpiryScheduler<K> {
  const now = options.now ?? Date.now;
  const warnBeforeMs = Math.max(0, options.warnBeforeMs);
  const live = new Map<K, Entry<K>>();
  let queue = new TinyQueue<Entry<K>>([], byDue);
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Infinity;
  let stopped = false;

  const isLive = (entry: Entry<K>): boolean => live.get(entry.key) === entry;

  const arm = (): void => {
    const next = queue.peek();
    if (next === undefined || stopped) {
      clearTimeout(timer);
      timer = undefined;
      timerDue = Infinity;
      return;
    }
    if (timer !== undefined && timerDue <= next.due) return;
    clearTimeout(timer);
    timerDue = next.due;
    timer = setTimeout(fire, Math.min(Math.max(0, next.due - now()), MAX_TIMEOUT_MS));
    timer.unref();
  };

  // Runs the callback that is due for a live entry: the warning, after which
  // the entry waits for its expiry, or the expiry, which removes it.
  const runDue = (entry: Entry<K>, at: number): void => {
    if (!entry.warned && entry.due < entry.expiresAt) {
      entry.warned = true;
      options.onWarning(entry.key, entry.expiresAt - at);
      // The warning may have cancelled or moved the key.
      if (isLive(entry)) {
        entry.due = entry.expiresAt;
        queue.push(entry);
      }
      return;
    }
    live.delete(entry.key);
    options.onExpiry(entry.key);
  };

  function fire(): void {
    timer = undefined;
    timerDue = Infinity;
    try {
      const at = now();
      for (let next = queue.peek(); next !== undefined && next.due <= at; next = queue.peek()) {
        queue.pop();
        if (isLive(next)) runDue(next, at);
      }
    } finally {
      arm();
    }
  }

  const rebuildIfStale = (): void => {
    if (queue.length < MIN_REBUILD_LENGTH || queue.length <= STALE_RATIO * live.size) return;
    queue = new TinyQueue([...live.values()], byDue);
  };

  return {
    schedule(key: K, expiresAtMs: number): void {
      if (stopped) return;
      const at = now();
      // Without a warning the entry is due at expiry, as if it had already warned.
      const entry: Entry<K> = { key, expiresAt: expiresAtMs, due: expiresAtMs - warnBeforeMs, warned: warnBeforeMs === 0 };
      live.set(key, entry);
      if (expiresAtMs <= at) {
        live.delete(key);
        options.onExpiry(key);
        return;
      }
      if (entry.due <= at) {
        runDue(entry, at);
        if (!isLive(entry)) return;
      } else {
        queue.push(entry);
      }
      rebuildIfStale();
      arm();
    },
    cancel(key: K): void {
      live.delete(key);
      rebuildIfStale();
    },
    get size(): number {
      return live.size;
    },
    stop(): void {
      stopped = true;
      live.clear();
      queue = new TinyQueue<Entry<K>>([], byDue);
      arm();
    },
  };
}

function byDue(a: { due: number }, b: { due: number }): number {
  return a.due - b.due;
}
