import { type KeyObject, createSecretKey } from 'node:crypto';
import { createError } from '@proj/errors';

/** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_HS256_SECRET_BYTES = 32;

/**
 * Turns an HMAC secret into a `KeyObject` once, because jsonwebtoken is much
 * slower when it gets the secret as a string on every call.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the secret is shorter than 32 bytes.
 * @example
 * const key = createHmacKey(process.env.JWT_SECRET ?? '');
 */
export function createHmacKey(secret: string | Buffer, name = 'JWT_SECRET'): KeyObject {
  const material = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (material.length < MIN_HS256_SECRET_BYTES) {
    throw createError(
      'ERR_CONFIG_INVALID',
      `${name} must be at least ${MIN_HS256_SECRET_BYTES} bytes for HS256, got ${material.length}`,
    );
  }
  return createSecretKey(material);
}
