import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Options for {@link signToken}. */
export interface SignOptions {
  /** HMAC key made by `createHmacKey`. */
  key: KeyObject;
  /** Subject (user id). */
  sub: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
  /** Extra claims merged into the payload. */
  claims?: Record<string, unknown>;
}

/**
 * Signs an HS256 JWT for development and tests.
 *
 * @example
 * const token = signToken({ key, sub: 'alice', ttlSeconds: 900 });
 */
export function signToken(options: SignOptions): string {
  return jwt.sign({ ...options.claims, sub: options.sub }, options.key, {
    algorithm: 'HS256',
    expiresIn: options.ttlSeconds,
  });
}
