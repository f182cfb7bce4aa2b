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

// setTimeout fires at once for delays above 2^31-1 ms, so longer waits are re-armed.
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Creates a timer that warns shortly before a session expires and ends it at
 * expiry. A refresh calls `schedule` again with the new expiry.
 *
 * @example
 * const timer = createExpiryTimer({ warnBeforeMs: 30_000, onWarning: warn, onExpiry: close });
 * timer.schedule(session.expiresAt * 1000);
 */
export function createExpiryTimer(options: ExpiryTimerOptions): ExpiryTimer {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let expiresAt = 0;
  let warned = false;
  let cancelled = false;

  const arm = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const remaining = expiresAt - now();
    if (remaining <= 0) {
      options.onExpiry();
      return;
    }
    const untilWarning = remaining - options.warnBeforeMs;
    const warnNow = !warned && options.warnBeforeMs > 0 && untilWarning <= 0;
    if (warnNow) {
      warned = true;
      options.onWarning(remaining);
      // The warning may have cancelled this timer, or rescheduled it, which armed a new one.
      if (cancelled || timer !== undefined) return;
    }
    const next = !warned && options.warnBeforeMs > 0 ? untilWarning : remaining;
    timer = setTimeout(arm, Math.min(next, MAX_TIMEOUT_MS));
    timer.unref();
  };

  return {
    schedule(expiresAtMs: number): void {
      if (cancelled) return;
      expiresAt = expiresAtMs;
      warned = false;
      arm();
    },
    cancel(): void {
      cancelled = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
