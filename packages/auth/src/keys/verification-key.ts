import type { KeyObject } from 'node:crypto';
import { createError } from '@proj/errors';
import { type Algorithm, MIN_HMAC_SECRET_BYTES, algorithmsForKey, isHmacAlgorithm } from '../algorithms.js';

/** A key that verifies signatures, bound to the algorithms it may verify. */
export interface VerificationKey {
  /** Key id matched against the token header's `kid`; absent for a default key. */
  readonly kid?: string;
  /** The only algorithms this key verifies. */
  readonly algorithms: readonly Algorithm[];
  /** A secret key for HMAC, or a public key for RSA and EC. */
  readonly key: KeyObject;
}

/** Options for {@link createVerificationKey}. */
export interface VerificationKeyOptions {
  /** A `KeyObject` made once at start-up. */
  key: KeyObject;
  /** Algorithms this key may verify; each must suit the key type. */
  algorithms: readonly Algorithm[];
  /** Key id; leave unset for a single default key. */
  kid?: string;
}

/**
 * Binds a key to the algorithms it may verify, so a public key can never be
 * used as an HMAC secret and an HMAC secret never verifies an RSA signature.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when an algorithm does not suit the
 * key type, a secret is shorter than an algorithm's hash output, or the key
 * is private.
 * @example
 * const key = createVerificationKey({ key: createPublicKey(pem), algorithms: ['RS256'], kid: '2024-06' });
 */
export function createVerificationKey(options: VerificationKeyOptions): VerificationKey {
  const label = options.kid === undefined ? 'the default key' : `key ${JSON.stringify(options.kid)}`;
  if (options.algorithms.length === 0) throw createError('ERR_CONFIG_INVALID', `${label} has no algorithms`);
  if (options.key.type === 'private') {
    throw createError('ERR_CONFIG_INVALID', `${label} is a private key; verification takes the public key`);
  }
  const suitable = algorithmsForKey(options.key);
  for (const algorithm of options.algorithms) {
    if (!suitable.includes(algorithm)) {
      const kind = options.key.asymmetricKeyType ?? options.key.type;
      throw createError('ERR_CONFIG_INVALID', `${label} is a ${kind} key and cannot verify ${algorithm}`);
    }
    if (isHmacAlgorithm(algorithm) && (options.key.symmetricKeySize ?? 0) < MIN_HMAC_SECRET_BYTES[algorithm]) {
      throw createError('ERR_CONFIG_INVALID', `${label} must be at least ${MIN_HMAC_SECRET_BYTES[algorithm]} bytes for ${algorithm}`);
    }
  }
  const key: VerificationKey = { algorithms: Object.freeze([...options.algorithms]), key: options.key };
  return Object.freeze(options.kid === undefined ? key : { ...key, kid: options.kid });
}
