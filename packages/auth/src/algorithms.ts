import type { KeyObject } from 'node:crypto';

/** JWS algorithms the toolkit verifies and signs; `none` is never one of them. */
export type Algorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512';

/** HMAC algorithms, whose key is a shared secret. */
export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512';

/** Every supported algorithm, in a fixed order. */
export const ALGORITHMS: readonly Algorithm[] = Object.freeze([
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
] as const);

/**
 * RFC 7518 section 3.2: an HMAC key must be at least as long as the hash
 * output, so 32, 48 and 64 bytes.
 */
export const MIN_HMAC_SECRET_BYTES: Readonly<Record<HmacAlgorithm, number>> = Object.freeze({
  HS256: 32,
  HS384: 48,
  HS512: 64,
});

// RFC 7518 section 3.4: each ECDSA algorithm is bound to one curve.
const curveByAlgorithm: Readonly<Record<string, string>> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * Tells whether a value is a supported algorithm name, compared exactly, so
 * `hs256` or `None` are not.
 *
 * @example
 * isAlgorithm(header.alg); // false for 'none'
 */
export function isAlgorithm(value: unknown): value is Algorithm {
  return typeof value === 'string' && (ALGORITHMS as readonly string[]).includes(value);
}

/**
 * Tells whether an algorithm is one of the HMAC family.
 *
 * @example
 * isHmacAlgorithm('HS384'); // true
 */
export function isHmacAlgorithm(value: Algorithm): value is HmacAlgorithm {
  return value === 'HS256' || value === 'HS384' || value === 'HS512';
}

/**
 * Lists the algorithms a key can verify: HMAC ones for a secret key, RS and
 * PS for an RSA public key, and the single ES algorithm of an EC key's curve.
 * A private or unsupported key can verify nothing.
 *
 * @example
 * algorithmsForKey(createPublicKey(pem)); // ['RS256', ..., 'PS512'] for RSA
 */
export function algorithmsForKey(key: KeyObject): Algorithm[] {
  if (key.type === 'secret') return ['HS256', 'HS384', 'HS512'];
  if (key.type !== 'public') return [];
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return ALGORITHMS.filter((alg) => curveByAlgorithm[alg] !== undefined && curveByAlgorithm[alg] === curve);
    }
    default:
      return [];
  }
}
