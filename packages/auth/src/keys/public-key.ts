import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createError } from '@proj/errors';
import type { Algorithm } from '../algorithms.js';
import { type VerificationKey, createVerificationKey } from './verification-key.js';

/** Options for {@link readPublicKeyFile}. */
export interface PublicKeyFileOptions {
  /** Path of a PEM file holding an RSA or EC public key (SPKI or PKCS#1). */
  path: string;
  /** Algorithms the key may verify, such as `['RS256']` or `['ES256']`. */
  algorithms: readonly Algorithm[];
  /** Key id matched against the token header's `kid`. */
  kid?: string;
}

/**
 * Reads an RSA or EC public key from a PEM file and binds it to its
 * algorithms. Call it once at start-up.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the file cannot be read, is not
 * a PEM public key, or does not suit the algorithms.
 * @example
 * const key = readPublicKeyFile({ path: 'keys/rsa-2024.pem', algorithms: ['RS256'], kid: 'rsa-2024' });
 */
export function readPublicKeyFile(options: PublicKeyFileOptions): VerificationKey {
  let pem: string;
  try {
    pem = readFileSync(options.path, 'utf8');
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', `cannot read the public key file ${options.path}`, { cause: err });
  }
  if (!pem.includes('-----BEGIN') || pem.includes('PRIVATE KEY-----')) {
    throw createError('ERR_CONFIG_INVALID', `${options.path} is not a PEM public key`);
  }
  let key;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', `${options.path} is not a valid PEM public key`, { cause: err });
  }
  return createVerificationKey({ key, algorithms: options.algorithms, ...(options.kid === undefined ? {} : { kid: options.kid }) });
}
