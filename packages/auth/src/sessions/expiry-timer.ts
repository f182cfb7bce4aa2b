import { createExpiryScheduler } from './expiry-scheduler.js';

/** Options for {@link createExpiryTimer}. */
export interface ExpiryTimerOptions {
  /** Milliseconds before expiry at which `onWarning` runs; no warning when 0. */
  warnBeforeMs: number;
  /** Runs once per expiry time, `warnBeforeMs` before it. */
  onWarning(expiresInMs: number): void;
  /** Runs when the expiry time passes. */
  onExpiry(): void;
  /** Current time in milliseconds; tests replace it. */
  now?: () => number;
}

/** A timer that warns before and fires at an expiry time that can move. */
export interface ExpiryTimer {
  /** Sets a new expiry time in milliseconds since the epoch, replacing the previous one. */
  schedule(expiresAtMs: number): void;
  /** Stops the timer for good: later `schedule` calls do nothing, so a closed connection keeps no timer. */
  cancel(): void;
}

/**
 * Creates a timer that warns shortly before a session expires and ends it at
 * expiry. A refresh calls `schedule` again with the new expiry. It wraps a
 * {@link createExpiryScheduler} with a single key. A server with many
 * sessions should use the scheduler directly, which keeps one `Timeout` for
 * all of them.
 *
 * @example
 * const timer = createExpiryTimer({ warnBeforeMs: 30_000, onWarning: warn, onExpiry: close });
 * timer.schedule(session.expiresAt * 1000);
 */
export function createExpiryTimer(options: ExpiryTimerOptions): ExpiryTimer {
  const scheduler = createExpiryScheduler<true>({
    warnBeforeMs: options.warnBeforeMs,
    onWarning: (_key, expiresInMs) => options.onWarning(expiresInMs),
    onExpiry: () => options.onExpiry(),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    schedule: (expiresAtMs) => scheduler.schedule(true, expiresAtMs),
    cancel: () => scheduler.stop(),
  };
}
