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
 * Creates in-memory fixed-window limiters with rate-limiter-flexible. Every
 * enabled scope is charged for each message, so a client cannot dodge the
 * address limit by spreading messages over connections.
 */
export function createMessageRateLimits(options: MessageRateLimitOptions): MessageRateLimits {
  const perConnection = limiterFor(options.rateLimitPerConnection, 'c');
  const perAddress = limiterFor(options.rateLimitPerAddress, 'a');
  const perUser = limiterFor(options.rateLimitPerUser, 'u');
  return {
    enabled: perConnection !== undefined || perAddress !== undefined || perUser !== undefined,
    async check(connectionId, address, userId) {
      const results = await Promise.all([
        consume(perConnection, connectionId),
        consume(perAddress, address),
        userId === undefined ? false : consume(perUser, userId),
      ]);
      if (results[0]) return 'connection';
      if (results[1]) return 'address';
      if (results[2]) return 'user';
      return undefined;
    },
  };
}

function limiterFor(limit: RateLimitOptions, keyPrefix: string): RateLimiterMemory | undefined {
  if (limit.points <= 0) return undefined;
  return new RateLimiterMemory({ points: limit.points, duration: Math.max(1, Math.ceil(limit.durationMs / 1000)), keyPrefix });
}

// Resolves true when the key is over its limit. rate-limiter-flexible rejects with a RateLimiterRes in that case.
function consume(limiter: RateLimiterMemory | undefined, key: string): Promise<boolean> | false {
  if (limiter === undefined) return false;
  return limiter.consume(key).then(
    () => false,
    (rejection: unknown) => {
      if (rejection instanceof RateLimiterRes) return true;
      throw rejection;
    },
  );
}
