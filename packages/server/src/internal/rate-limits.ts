import type { RateLimitOptions } from '../options.js';
import { type WindowCount, type WindowLimit, KeyedWindows, countMessage } from './fixed-window.js';
import type { RateLimitScope } from './metrics.js';

/** Keys each of the address and user limits tracks at most; see {@link KeyedWindows} for what happens past it. */
const MAX_TRACKED_KEYS = 100_000;

/** The message rate limits of a server, per connection, per address and per user. */
export interface MessageRateLimits {
  /** Whether any limit is enabled; when false, `check` need not be called. */
  readonly enabled: boolean;
  /**
   * Counts one message at `now` (ms, monotonic clock) and returns the first
   * scope over its limit, or undefined. `connectionWindow` is the count kept
   * on the connection's own record.
   */
  check(connectionWindow: WindowCount, address: string, userId: string | undefined, now: number): RateLimitScope | undefined;
}

/** Settings of {@link createMessageRateLimits}; a limit with 0 points is off. */
export interface MessageRateLimitOptions {
  rateLimitPerConnection: RateLimitOptions;
  rateLimitPerAddress: RateLimitOptions;
  rateLimitPerUser: RateLimitOptions;
}

/**
 * Creates synchronous in-memory fixed-window limits. A message is charged to
 * its connection, then its address, then its user, and the check stops at the
 * first limit it exceeds. The address and user limits count over all
 * connections, so spreading messages over connections does not help.
 */
export function createMessageRateLimits(options: MessageRateLimitOptions): MessageRateLimits {
  const perConnection = windowLimitOf(options.rateLimitPerConnection);
  const addressLimit = windowLimitOf(options.rateLimitPerAddress);
  const userLimit = windowLimitOf(options.rateLimitPerUser);
  const perAddress = addressLimit === undefined ? undefined : new KeyedWindows(addressLimit, MAX_TRACKED_KEYS);
  const perUser = userLimit === undefined ? undefined : new KeyedWindows(userLimit, MAX_TRACKED_KEYS);
  return {
    enabled: perConnection !== undefined || perAddress !== undefined || perUser !== undefined,
    check(connectionWindow, address, userId, now) {
      if (perConnection !== undefined && countMessage(connectionWindow, perConnection, now)) return 'connection';
      if (perAddress !== undefined && perAddress.count(address, now)) return 'address';
      if (perUser !== undefined && userId !== undefined && perUser.count(userId, now)) return 'user';
      return undefined;
    },
  };
}

// Windows are whole seconds, at least one, as RATE_LIMIT_WINDOW documents.
function windowLimitOf(limit: RateLimitOptions): WindowLimit | undefined {
  if (limit.points <= 0) return undefined;
  return { points: limit.points, windowMs: Math.max(1, Math.ceil(limit.durationMs / 1000)) * 1000 };
}
