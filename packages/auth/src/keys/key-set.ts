import { createError } from '@proj/errors';
import type { KeyResolver, KeySelector } from './key-resolver.js';
import type { VerificationKey } from './verification-key.js';

/**
 * Builds a resolver over a fixed list of keys. A token with a `kid` gets the
 * key with that id; a token without one gets the single key configured
 * without a `kid`. Several keys with ids let tokens signed with the previous
 * key stay valid while new ones use the next, so keys rotate without downtime.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the list is empty, two keys
 * share a `kid`, or more than one key has no `kid`.
 * @example
 * const keys = createKeySet([createVerificationKey({ key, algorithms: ['HS256'] })]);
 */
export function createKeySet(keys: readonly VerificationKey[]): KeyResolver {
  if (keys.length === 0) throw createError('ERR_CONFIG_INVALID', 'at least one verification key is required');
  const byKid = new Map<string, VerificationKey>();
  let defaultKey: VerificationKey | undefined;
  for (const key of keys) {
    if (key.kid === undefined) {
      if (defaultKey !== undefined) throw createError('ERR_CONFIG_INVALID', 'only one verification key may lack a kid');
      defaultKey = key;
    } else {
      if (byKid.has(key.kid)) throw createError('ERR_CONFIG_INVALID', `two verification keys share kid ${JSON.stringify(key.kid)}`);
      byKid.set(key.kid, key);
    }
  }
  return {
    resolve(selector: KeySelector): VerificationKey {
      if (selector.kid === undefined) {
        if (defaultKey === undefined) throw createError('ERR_AUTH_TOKEN_INVALID', 'token header has no kid and no default key is configured');
        return defaultKey;
      }
      const key = byKid.get(selector.kid);
      if (key === undefined) throw createError('ERR_AUTH_TOKEN_INVALID', 'unknown kid');
      return key;
    },
  };
}
