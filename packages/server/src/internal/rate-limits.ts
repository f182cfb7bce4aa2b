import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitOptions } from '../options.js';
import type { RateLimitScope } from './metrics.js';

/** The message rate limits of a server, per connection, per address and per user. */
export interface MessageRateLimits {
  /** Whether any limit is enabled; when false, `check` need not be called. */
  readonly enabled: boolean;
  /** Counts one message and resolves with the first scope over its limit, or undefined. */
  check(connectionId: string, address: string, userId: string | undefined): Promise<RateLimitScope | undefined>;
}

/** Settings of {@link createMessageRateLimits}; a limit with 0 points is off. */
export interface MessageRateLimitOptions {
  rateLimitPerConnection: RateLimitOptions;
  rateLimitPerAddress: RateLimitOptions;
  rateLimitPerUser: RateLimitOptions;
}

/**
 * Creates in-memory fixed-window limiters with rate-limiter-flexible. A
 * message is charged to its connection, then its address, then its user, and
 * the check stops at the first limit it exceeds. The address and user limits
 * count over all connections, so spreading messages over connections does not help.
 */
export function createMessageRateLimits(options: MessageRateLimitOptions): MessageRateLimits {
  const perConnection = limiterFor(options.rateLimitPerConnection, 'c');
  const perAddress = limiterFor(options.rateLimitPerAddress, 'a');
  const perUser = limiterFor(options.rateLimitPerUser, 'u');
  return {
    enabled: perConnection !== undefined || perAddress !== undefined || perUser !== undefined,
    async check(connectionId, address, userId) {
      if (perConnection !== undefined && (await isOverLimit(perConnection, connectionId))) return 'connection';
      if (perAddress !== undefined && (await isOverLimit(perAddress, address))) return 'address';
      if (perUser !== undefined && userId !== undefined && (await isOverLimit(perUser, userId))) return 'user';
      return undefined;
    },
  };
}

function limiterFor(limit: RateLimitOptions, keyPrefix: string): RateLimiterMemory | undefined {
  if (limit.points <= 0) return undefined;
  return new RateLimiterMemory({ points: limit.points, duration: Math.max(1, Math.ceil(limit.durationMs / 1000)), keyPrefix });
}

// rate-limiter-flexible rejects with a RateLimiterRes when the key is over its limit, and with an Error on a fault.
async function isOverLimit(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return false;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return true;
    throw rejection;
  }
}
