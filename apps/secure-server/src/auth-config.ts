import { type Algorithm, type KeyResolver, type SigningKey, type VerificationKey, createHmacKey, createJwksKeyResolver, createKeySet, createVerificationKey } from '@proj/auth';
import { createError } from '@proj/errors';
import { ConfigProblems, type Env, boolean, duration, integer, list, loadConfig, port, z } from '@proj/validation';
import { DEFAULT_DEV_SECRET_FILE, readOrCreateDevSecret } from './dev-secret.js';
import { readKeysFile } from './keys-file.js';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  JWT_SECRET: z.string().optional(),
  JWT_KEYS_FILE: z.string().min(1).optional(),
  JWKS_URL: z.string().min(1).optional(),
  JWKS_TIMEOUT: duration().default(5_000),
  JWKS_CACHE_MAX_AGE: duration().default(600_000),
  JWKS_REQUESTS_PER_MINUTE: integer({ min: 1, max: 600 }).default(10),
  JWT_ALGORITHMS: list().optional(),
  JWT_ISSUER: list().optional(),
  JWT_AUDIENCE: list().optional(),
  JWT_MAX_AGE: duration().optional(),
  JWT_TYP: z.string().min(1).max(64).optional(),
  JWT_CLOCK_TOLERANCE: integer({ min: 0, max: 300 }).default(0),
  DEV_SECRET_FILE: z.string().min(1).default(DEFAULT_DEV_SECRET_FILE),
  AUTH_TIMEOUT: duration().default(5_000),
  AUTH_EXPIRY_WARNING: duration().default(30_000),
  DANGEROUSLY_ALLOW_QUERY_TOKEN: boolean().default(false),
  SESSIONS_PER_USER: integer({ min: 1, max: 10_000 }).default(10),
  SESSION_LIMIT_POLICY: z.enum(['reject', 'close-oldest']).default('reject'),
  REVOCATION_MAX_ENTRIES: integer({ min: 1, max: 10_000_000 }).default(100_000),
  REVOCATION_RETENTION: duration().default(86_400_000),
  ADMIN_PORT: port().optional(),
  ADMIN_TOKEN: z.string().optional(),
});

/** Source of the signing key, for the start-up log. */
export type SecretSource = { kind: 'env' } | { kind: 'keys-file' } | { kind: 'jwks' } | { kind: 'dev-file'; file: string; created: boolean };

/** Authentication settings of the secure server, read once at start-up. */
export interface AuthConfig {
  readonly keys: KeyResolver;
  readonly algorithms: readonly Algorithm[];
  /** Keys the token command can sign with, oldest first; the last is the newest. */
  readonly signingKeys: readonly SigningKey[];
  readonly secretSource: SecretSource;
  readonly issuer?: readonly string[];
  readonly audience?: readonly string[];
  readonly maxAgeSeconds?: number;
  readonly typ?: string;
  readonly clockToleranceSeconds: number;
  readonly authTimeoutMs: number;
  readonly expiryWarningMs: number;
  readonly dangerouslyAllowQueryToken: boolean;
  readonly maxSessionsPerUser: number;
  readonly sessionLimitPolicy: 'reject' | 'close-oldest';
  readonly revocationMaxEntries: number;
  readonly revocationRetentionSeconds: number;
  /** The admin endpoint, or undefined when `ADMIN_PORT` is unset. */
  readonly admin?: { readonly port: number; readonly token: string };
}

const MIN_ADMIN_TOKEN_BYTES = 32;

const MISSING_KEY_IN_PRODUCTION = 'JWT_SECRET is required when NODE_ENV=production (at least 32 bytes), or set JWT_KEYS_FILE or JWKS_URL';

/**
 * Reads and validates the authentication variables. Keys come from
 * `JWT_SECRET` (HS256, no kid), `JWT_KEYS_FILE` and `JWKS_URL`; in
 * development with none of them set, from a generated secret file.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming each invalid variable, never its value.
 */
export function loadAuthConfig(env: Env): AuthConfig {
  const problems = new ConfigProblems();
  const raw = problems.attempt(() => loadConfig(schema, env));
  if (raw === undefined) {
    // The secret's own checks still run, so one start-up reports them with the invalid variables.
    const secret = env['JWT_SECRET'] || undefined;
    if (secret !== undefined) problems.attempt(() => createHmacKey(secret, { name: 'JWT_SECRET' }));
    else if (env['NODE_ENV']?.trim() === 'production' && !env['JWT_KEYS_FILE'] && !env['JWKS_URL']) problems.add(MISSING_KEY_IN_PRODUCTION);
    return problems.raise();
  }
  const production = raw.NODE_ENV === 'production';
  const staticKeys: VerificationKey[] = [];
  const signingKeys: SigningKey[] = [];
  let secretSource: SecretSource = { kind: 'env' };

  let secret = raw.JWT_SECRET;
  if (secret === undefined && raw.JWT_KEYS_FILE === undefined && raw.JWKS_URL === undefined) {
    if (production) throw createError('ERR_CONFIG_INVALID', MISSING_KEY_IN_PRODUCTION);
    const dev = readOrCreateDevSecret(raw.DEV_SECRET_FILE);
    secret = dev.secret;
    secretSource = { kind: 'dev-file', file: raw.DEV_SECRET_FILE, created: dev.created };
  }
  if (secret !== undefined) {
    const key = problems.attempt(() => createHmacKey(secret, { name: 'JWT_SECRET' }));
    if (key !== undefined) {
      staticKeys.push(createVerificationKey({ key, algorithms: ['HS256'] }));
      signingKeys.push({ algorithm: 'HS256', key });
    }
  }
  if (raw.JWT_KEYS_FILE !== undefined) {
    const keysFile = raw.JWT_KEYS_FILE;
    const fromFile = problems.attempt(() => readKeysFile(keysFile));
    staticKeys.push(...(fromFile?.verification ?? []));
    signingKeys.push(...(fromFile?.signing ?? []));
    if (raw.JWT_SECRET === undefined) secretSource = { kind: 'keys-file' };
  }

  let admin: AuthConfig['admin'];
  if (raw.ADMIN_PORT !== undefined) {
    if (raw.ADMIN_TOKEN === undefined || Buffer.byteLength(raw.ADMIN_TOKEN) < MIN_ADMIN_TOKEN_BYTES) {
      problems.add(`ADMIN_TOKEN must be set to at least ${MIN_ADMIN_TOKEN_BYTES} bytes when ADMIN_PORT is set`);
    } else {
      admin = { port: raw.ADMIN_PORT, token: raw.ADMIN_TOKEN };
    }
  }
  // The key choice below would only add "no verification key" to a key problem found above.
  problems.throwIfAny();

  const keys = chooseKeys(staticKeys, raw);
  if (raw.JWKS_URL !== undefined && staticKeys.length === 0) secretSource = { kind: 'jwks' };
  const algorithms = chooseAlgorithms(staticKeys, raw);

  return Object.freeze({
    keys,
    algorithms,
    signingKeys,
    secretSource,
    ...(raw.JWT_ISSUER === undefined ? {} : { issuer: raw.JWT_ISSUER }),
    ...(raw.JWT_AUDIENCE === undefined ? {} : { audience: raw.JWT_AUDIENCE }),
    ...(raw.JWT_MAX_AGE === undefined ? {} : { maxAgeSeconds: Math.ceil(raw.JWT_MAX_AGE / 1000) }),
    ...(raw.JWT_TYP === undefined ? {} : { typ: raw.JWT_TYP }),
    clockToleranceSeconds: raw.JWT_CLOCK_TOLERANCE,
    authTimeoutMs: raw.AUTH_TIMEOUT,
    expiryWarningMs: raw.AUTH_EXPIRY_WARNING,
    dangerouslyAllowQueryToken: raw.DANGEROUSLY_ALLOW_QUERY_TOKEN,
    maxSessionsPerUser: raw.SESSIONS_PER_USER,
    sessionLimitPolicy: raw.SESSION_LIMIT_POLICY,
    revocationMaxEntries: raw.REVOCATION_MAX_ENTRIES,
    revocationRetentionSeconds: Math.ceil(raw.REVOCATION_RETENTION / 1000),
    ...(admin === undefined ? {} : { admin }),
  });
}

type RawAuthConfig = ReturnType<typeof loadConfig<typeof schema>>;

// Static keys resolve the kids they know; any other kid goes to the JWKS when one is configured.
function chooseKeys(staticKeys: VerificationKey[], raw: RawAuthConfig): KeyResolver {
  const local = staticKeys.length > 0 ? createKeySet(staticKeys) : undefined;
  if (raw.JWKS_URL === undefined) {
    if (local === undefined) throw createError('ERR_CONFIG_INVALID', 'no verification key is configured');
    return local;
  }
  const remote = createJwksKeyResolver({
    jwksUri: raw.JWKS_URL,
    timeoutMs: raw.JWKS_TIMEOUT,
    cacheMaxAgeMs: raw.JWKS_CACHE_MAX_AGE,
    requestsPerMinute: raw.JWKS_REQUESTS_PER_MINUTE,
  });
  if (local === undefined) return remote;
  const knownKids = new Set(staticKeys.map((key) => key.kid));
  return { resolve: (selector) => (knownKids.has(selector.kid) ? local.resolve(selector) : remote.resolve(selector)) };
}

// HS256 alone when only JWT_SECRET is set; otherwise the algorithms the keys allow, narrowed by JWT_ALGORITHMS.
function chooseAlgorithms(staticKeys: VerificationKey[], raw: RawAuthConfig): Algorithm[] {
  const fromKeys = new Set<Algorithm>(staticKeys.flatMap((key) => key.algorithms));
  if (raw.JWKS_URL !== undefined) for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const) fromKeys.add(alg);
  if (raw.JWT_ALGORITHMS === undefined) return [...fromKeys];
  const chosen = raw.JWT_ALGORITHMS.filter((alg): alg is Algorithm => fromKeys.has(alg as Algorithm));
  if (chosen.length !== raw.JWT_ALGORITHMS.length) {
    throw createError('ERR_CONFIG_INVALID', 'JWT_ALGORITHMS lists an algorithm that no configured key can verify');
  }
  return chosen;
}
