import type { KeyObject } from 'node:crypto';
import { createError } from '@proj/errors';
import jwt from 'jsonwebtoken';
import { type Algorithm, isHmacAlgorithm } from './algorithms.js';

/** A key that signs tokens: an HMAC secret or an RSA/EC private key. */
export interface SigningKey {
  /** Key id written to the header's `kid`; verifiers select keys by it. */
  readonly kid?: string;
  /** Algorithm used to sign. */
  readonly algorithm: Algorithm;
  /** A secret key for HMAC, or a private key for RSA and EC. */
  readonly key: KeyObject;
}

/** Options for {@link signToken}. */
export interface SignOptions {
  /** The signing key; with rotation, the newest one. */
  key: SigningKey;
  /** Subject (user id). */
  sub: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
  /** Extra claims merged into the payload; `sub`, `iat` and `exp` win over them. */
  claims?: Record<string, unknown>;
  /** Current time in seconds since the epoch; tests freeze it. */
  now?: () => number;
}

/**
 * Signs a JWT with `sub`, `iat` and `exp`, for development tools and tests.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the key type does not suit the
 * algorithm or the lifetime is not a positive integer.
 * @example
 * const token = signToken({ key: { algorithm: 'HS256', key: hmacKey }, sub: 'alice', ttlSeconds: 900 });
 */
export function signToken(options: SignOptions): string {
  const { key, algorithm } = options.key;
  const expected = isHmacAlgorithm(algorithm) ? 'secret' : 'private';
  if (key.type !== expected) throw createError('ERR_CONFIG_INVALID', `${algorithm} signs with a ${expected} key, got a ${key.type} key`);
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0) {
    throw createError('ERR_CONFIG_INVALID', 'ttlSeconds must be a positive integer');
  }
  const iat = options.now?.() ?? Math.floor(Date.now() / 1000);
  const payload = { ...options.claims, sub: options.sub, iat, exp: iat + options.ttlSeconds };
  return jwt.sign(payload, key, { algorithm, ...(options.key.kid === undefined ? {} : { keyid: options.key.kid }) });
}
