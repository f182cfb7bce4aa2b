import { type KeyObject, createSecretKey } from 'node:crypto';
import { createError } from '@proj/errors';
import { type HmacAlgorithm, MIN_HMAC_SECRET_BYTES } from '../algorithms.js';

/** Options for {@link createHmacKey}. */
export interface HmacKeyOptions {
  /** The strongest algorithm the secret will be used with; `HS256` by default. */
  algorithm?: HmacAlgorithm;
  /** Name of the setting the secret came from, used in error messages. */
  name?: string;
}

/**
 * Turns an HMAC secret into a `KeyObject` once, because jsonwebtoken is much
 * slower when it gets the secret as a string on every call. The secret must
 * be at least as long as the hash output of the algorithm.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the secret is too short or
 * is a PEM key; the message names the setting, never the secret.
 * @example
 * const key = createHmacKey(process.env.JWT_SECRET ?? '', { name: 'JWT_SECRET' });
 */
export function createHmacKey(secret: string | Buffer, options: HmacKeyOptions = {}): KeyObject {
  const algorithm = options.algorithm ?? 'HS256';
  const name = options.name ?? 'the HMAC secret';
  const material = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  const minimum = MIN_HMAC_SECRET_BYTES[algorithm];
  if (material.length < minimum) {
    throw createError('ERR_CONFIG_INVALID', `${name} must be at least ${minimum} bytes for ${algorithm}, got ${material.length}`);
  }
  // A public key is public: used as an HMAC secret it lets anyone sign tokens.
  if (material.subarray(0, 64).toString('latin1').includes('-----BEGIN')) {
    throw createError('ERR_CONFIG_INVALID', `${name} is a PEM key, but an HMAC secret must be random bytes`);
  }
  return createSecretKey(material);
}
