import { createPublicKey } from 'node:crypto';
import { createError, isProjError } from '@proj/errors';
import jwksRsa from 'jwks-rsa';
import { type Algorithm, algorithmsForKey, isAlgorithm } from '../algorithms.js';
import type { KeyResolver, KeySelector } from './key-resolver.js';
import { type VerificationKey, createVerificationKey } from './verification-key.js';

/** Options for {@link createJwksKeyResolver}. */
export interface JwksOptions {
  /** URL of the JSON Web Key Set. */
  jwksUri: string;
  /** Milliseconds before a fetch is abandoned; 5 s by default. */
  timeoutMs?: number;
  /** Milliseconds a fetched key stays cached; 10 minutes by default. */
  cacheMaxAgeMs?: number;
  /** Maximum keys kept in the cache; 16 by default. */
  cacheMaxEntries?: number;
  /** Maximum fetches per minute for unknown `kid` values; 10 by default. */
  requestsPerMinute?: number;
}

/**
 * Builds a resolver that fetches public keys from a JWKS URL through
 * jwks-rsa, with caching, a fetch timeout and a rate limit on refetches
 * caused by unknown `kid` values. A key is bound to its JWK `alg` when the set
 * gives one, else to the algorithms its type allows. Tokens must carry a `kid`.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the URL is invalid, or plain
 * `http:` on a host other than loopback.
 * @example
 * const keys = createJwksKeyResolver({ jwksUri: 'https://issuer.example/.well-known/jwks.json' });
 */
export function createJwksKeyResolver(options: JwksOptions): KeyResolver {
  assertJwksUri(options.jwksUri);
  const client = new jwksRsa.JwksClient({
    jwksUri: options.jwksUri,
    timeout: options.timeoutMs ?? 5_000,
    cache: true,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    cacheMaxEntries: options.cacheMaxEntries ?? 16,
    rateLimit: true,
    jwksRequestsPerMinute: options.requestsPerMinute ?? 10,
  });
  // jwks-rsa returns the same object for a cached kid, so each PEM becomes a KeyObject once.
  const converted = new WeakMap<object, VerificationKey>();

  return {
    async resolve(selector: KeySelector): Promise<VerificationKey> {
      if (selector.kid === undefined) throw createError('ERR_AUTH_TOKEN_INVALID', 'token header has no kid, which a JWKS requires');
      let signingKey: jwksRsa.SigningKey;
      try {
        signingKey = await client.getSigningKey(selector.kid);
      } catch (err) {
        throw mapJwksError(err);
      }
      const cached = converted.get(signingKey);
      if (cached !== undefined) return cached;
      const key = toVerificationKey(signingKey, selector.kid);
      converted.set(signingKey, key);
      return key;
    },
  };
}

function toVerificationKey(signingKey: jwksRsa.SigningKey, kid: string): VerificationKey {
  try {
    const key = createPublicKey(signingKey.getPublicKey());
    const declared: unknown = signingKey.alg;
    const algorithms: Algorithm[] = isAlgorithm(declared) ? [declared] : algorithmsForKey(key);
    return createVerificationKey({ key, algorithms, kid });
  } catch {
    throw createError('ERR_AUTH_TOKEN_INVALID', 'the JWKS key for the token kid is unusable');
  }
}

// Each failure gets a fixed reason and no cause: jwks-rsa names the client's
// kid in SigningKeyNotFoundError, and a JSON SyntaxError quotes the response.
function mapJwksError(err: unknown): Error {
  if (isProjError(err)) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'SigningKeyNotFoundError') return createError('ERR_AUTH_TOKEN_INVALID', 'unknown kid');
  if (name === 'JwksRateLimitError') return createError('ERR_AUTH_TOKEN_INVALID', 'unknown kid, and the JWKS refetch rate limit is reached');
  return createError('ERR_AUTH_KEYS_UNAVAILABLE', describeFetchFailure(err));
}

function describeFetchFailure(err: unknown): string {
  if (err instanceof SyntaxError) return 'the JWKS response is not JSON';
  if (err instanceof Error && err.name === 'JwksError') return 'the JWKS response holds no usable signing key';
  const code: unknown = err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;
  // Node's errno codes, such as ECONNREFUSED, are a fixed vocabulary.
  if (typeof code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(code)) return `the JWKS fetch failed (${code})`;
  // jwks-rsa 4 rejects with a plain { errorMsg } object for a status outside 2xx.
  if (typeof err === 'object' && err !== null && 'errorMsg' in err) return 'the JWKS URL answered with an error status';
  return 'the JWKS fetch failed or timed out';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function assertJwksUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw createError('ERR_CONFIG_INVALID', 'the JWKS URL is not a valid URL');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return;
  throw createError('ERR_CONFIG_INVALID', 'the JWKS URL must use https (plain http only on a loopback address)');
}
