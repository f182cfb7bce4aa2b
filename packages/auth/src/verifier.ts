import { createError } from '@proj/errors';
import jwt from 'jsonwebtoken';
import { type Algorithm, isAlgorithm } from './algorithms.js';
import { inspectToken } from './internal/inspect-token.js';
import { mapJwtError } from './internal/map-jwt-error.js';
import { readClaims } from './internal/read-claims.js';
import type { KeyResolver } from './keys/key-resolver.js';
import type { RevocationStore } from './revocation/revocation.js';

/** Default maximum token length in characters, checked before any parsing or crypto. */
export const MAX_TOKEN_BYTES = 4_096;

/** Largest accepted clock tolerance in seconds. */
export const MAX_CLOCK_TOLERANCE_SECONDS = 300;

/** Options for {@link createTokenVerifier}. */
export interface TokenVerifierOptions {
  /** Finds the key for a token: `createKeySet` or `createJwksKeyResolver`. */
  keys: KeyResolver;
  /** Algorithms accepted at all; a token's key narrows them further. Never empty. */
  algorithms: readonly Algorithm[];
  /** Accepted `iss` values; unchecked when unset. */
  issuer?: string | readonly string[];
  /** Accepted `aud` values; unchecked when unset. */
  audience?: string | readonly string[];
  /** Rejects tokens whose `iat` is older than this many seconds; needs `iat`. */
  maxAgeSeconds?: number;
  /** Required `typ` header, compared case-insensitively, such as `JWT` or `at+jwt`. */
  typ?: string;
  /** Seconds of clock skew accepted on `exp`, `nbf`, `iat` and `maxAge`: an integer from 0 to 300. */
  clockToleranceSeconds?: number;
  /** Longest accepted token in characters; {@link MAX_TOKEN_BYTES} by default. */
  maxTokenBytes?: number;
  /** Rejects revoked tokens when set. */
  revocations?: RevocationStore;
  /** Current time in seconds since the epoch; tests freeze it. */
  now?: () => number;
}

/** The outcome of a successful verification. */
export interface VerifiedToken {
  /** From `sub`, or from `user_id` when `sub` is absent. */
  readonly userId: string;
  /** `exp` in seconds since the epoch. */
  readonly expiresAt: number;
  /** `iat` in seconds since the epoch, when present. */
  readonly issuedAt?: number;
  /** `jti`, when present. */
  readonly tokenId?: string;
  /** The header's `kid`, when present. */
  readonly kid?: string;
  /** Every claim of the payload. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Verifies tokens with one fixed configuration. */
export interface TokenVerifier {
  /**
   * Verifies a token: cheap checks, key lookup, signature, claims, revocation.
   *
   * @throws {AuthenticationError} `ERR_AUTH_TOKEN_MISSING`, `ERR_AUTH_TOKEN_MALFORMED`,
   * `ERR_AUTH_TOKEN_EXPIRED` or `ERR_AUTH_TOKEN_INVALID`, and
   * {@link AuthorizationError} `ERR_AUTH_TOKEN_REVOKED`; the message names the check.
   */
  verify(token: string): Promise<VerifiedToken>;
}

/**
 * Builds a verifier on jsonwebtoken 9. Every call passes an explicit
 * algorithm allowlist narrowed to the key's own algorithms, so `alg: none`
 * and key confusion (an RSA public key used as an HMAC secret) fail before
 * the signature is computed. Error messages are fixed descriptions of the
 * failed check for the log, never quoting the token or a message of
 * jsonwebtoken; clients should only see the code's public message.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an empty or unknown algorithm,
 * a clock tolerance that is not an integer from 0 to 300, or a bad `maxAgeSeconds`.
 * @example
 * const verifier = createTokenVerifier({ keys: createKeySet([key]), algorithms: ['HS256'] });
 * const { userId } = await verifier.verify(token);
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const settings = checkOptions(options);
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  return {
    async verify(token: string): Promise<VerifiedToken> {
      const header = inspectToken(token, settings.algorithms, settings.maxTokenBytes);
      if (settings.typ !== undefined && header.typ?.toLowerCase() !== settings.typ) {
        throw createError('ERR_AUTH_TOKEN_INVALID', `typ header is not ${settings.typ}`);
      }
      const key = await options.keys.resolve(header.kid === undefined ? { alg: header.alg } : { alg: header.alg, kid: header.kid });
      if (!key.algorithms.includes(header.alg)) {
        throw createError('ERR_AUTH_TOKEN_INVALID', `algorithm ${header.alg} does not match the key's type`);
      }

      const nowSeconds = now();
      let payload: jwt.JwtPayload;
      try {
        const verified = jwt.verify(token, key.key, {
          algorithms: [header.alg],
          clockTolerance: settings.clockToleranceSeconds,
          clockTimestamp: nowSeconds,
          ...settings.claimOptions,
        });
        if (typeof verified === 'string') throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token payload is not a JSON object');
        payload = verified;
      } catch (err) {
        throw mapJwtError(err);
      }

      const claims = readClaims(payload, nowSeconds, settings.clockToleranceSeconds);
      const revocation = await options.revocations?.find(claims);
      if (revocation !== undefined) throw createError('ERR_AUTH_TOKEN_REVOKED', `token revoked (${revocation.kind})`);
      return { ...claims, ...(header.kid === undefined ? {} : { kid: header.kid }), claims: payload };
    },
  };
}

interface Settings {
  algorithms: readonly Algorithm[];
  clockToleranceSeconds: number;
  maxTokenBytes: number;
  typ?: string;
  claimOptions: Pick<jwt.VerifyOptions, 'issuer' | 'audience' | 'maxAge'>;
}

function checkOptions(options: TokenVerifierOptions): Settings {
  if (options.algorithms.length === 0) throw createError('ERR_CONFIG_INVALID', 'the algorithm allowlist is empty');
  for (const alg of options.algorithms) {
    if (!isAlgorithm(alg)) throw createError('ERR_CONFIG_INVALID', `algorithm ${JSON.stringify(String(alg).slice(0, 16))} is not supported`);
  }
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw createError('ERR_CONFIG_INVALID', `clockToleranceSeconds must be an integer from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  const maxAge = options.maxAgeSeconds;
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge <= 0)) {
    throw createError('ERR_CONFIG_INVALID', 'maxAgeSeconds must be a positive integer');
  }
  const claimOptions: Settings['claimOptions'] = {};
  if (options.issuer !== undefined) claimOptions.issuer = nonEmpty(options.issuer, 'issuer');
  if (options.audience !== undefined) claimOptions.audience = nonEmpty(options.audience, 'audience');
  if (maxAge !== undefined) claimOptions.maxAge = maxAge;
  return {
    algorithms: Object.freeze([...options.algorithms]),
    clockToleranceSeconds: tolerance,
    maxTokenBytes: options.maxTokenBytes ?? MAX_TOKEN_BYTES,
    ...(options.typ === undefined ? {} : { typ: options.typ.toLowerCase() }),
    claimOptions,
  };
}

function nonEmpty(value: string | readonly string[], name: string): string | [string, ...string[]] {
  const list = typeof value === 'string' ? [value] : [...value];
  const [first, ...rest] = list;
  if (first === undefined || list.some((item) => item.length === 0)) {
    throw createError('ERR_CONFIG_INVALID', `${name} must list at least one non-empty value`);
  }
  return [first, ...rest];
}
