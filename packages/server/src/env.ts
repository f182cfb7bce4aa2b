import type { Level } from '@proj/logger';
import { ConfigProblems, type Env, boolean, bytes, duration, existingFile, integer, list, loadConfig, port, z } from '@proj/validation';
import { isAddressOrCidr } from './internal/address-rules.js';
import { normalizeOrigin } from './internal/origin-policy.js';
import { readTlsFiles } from './internal/tls-files.js';
import type { ServerOptions } from './options.js';

/** Per-app defaults of {@link loadServerEnv}. */
export interface ServerEnvDefaults {
  /** `PORT` when unset. */
  port: number;
}

/** The settings every service built on `@proj/server` reads from the environment. */
export interface ServerEnv {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: Level;
  readonly errorLogFile: string;
  /** Options for `createServer`, every field filled. */
  readonly server: Readonly<ServerOptions>;
}

const isOrigin = (entry: string): boolean => {
  try {
    normalizeOrigin(entry);
    return true;
  } catch {
    return false;
  }
};
const cidr = z.string().refine(isAddressOrCidr, { params: { expected: 'an IP address or CIDR range' } });
const origin = z.string().refine(isOrigin, { params: { expected: 'an origin such as https://app.example.com' } });
const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);
const proxy = z.string().refine((entry) => proxyNames.has(entry) || isAddressOrCidr(entry), {
  params: { expected: 'an IP address, a CIDR range, loopback, linklocal or uniquelocal' },
});
const count = (max: number) => integer({ min: 0, max });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: port().optional(),
  METRICS_PORT: port().optional(),
  METRICS_GC: boolean().default(false),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  ERROR_LOG_FILE: z.string().min(1).default('websocket_errors.log'),
  TLS_CERT_FILE: existingFile().optional(),
  TLS_KEY_FILE: existingFile().optional(),
  MAX_PAYLOAD: bytes({ min: 1, max: 64 * 1024 * 1024 }).default(64 * 1024),
  PRE_AUTH_MAX_PAYLOAD: bytes({ min: 1, max: 64 * 1024 * 1024 }).default(8 * 1024),
  MAX_FRAGMENTS: integer({ min: 1, max: 100_000 }).default(128),
  MAX_BUFFERED_CHUNKS: integer({ min: 1, max: 1_000_000 }).default(1024),
  COMPRESSION: boolean().default(false),
  COMPRESSION_THRESHOLD: bytes({ max: 64 * 1024 * 1024 }).default(1024),
  HEARTBEAT_INTERVAL: duration({ min: 10, max: 3_600_000 }).default(30_000),
  CLOSE_TIMEOUT: duration({ min: 10, max: 60_000 }).default(1_500),
  HANDSHAKE_TIMEOUT: duration({ min: 10, max: 300_000 }).default(10_000),
  SHUTDOWN_TIMEOUT: duration({ max: 600_000 }).default(10_000),
  MAX_CONNECTIONS: count(10_000_000).default(10_000),
  MAX_CONNECTIONS_PER_ADDRESS: count(10_000_000).default(256),
  MAX_UNAUTHENTICATED_CONNECTIONS: count(10_000_000).default(1_000),
  MAX_UNAUTHENTICATED_PER_ADDRESS: count(10_000_000).default(64),
  TRUSTED_PROXIES: list({ item: proxy, maxItems: 1_000 }).default([]),
  IP_ALLOWLIST: list({ item: cidr, maxItems: 10_000 }).default([]),
  IP_DENYLIST: list({ item: cidr, maxItems: 10_000 }).default([]),
  ALLOWED_ORIGINS: list({ item: origin, maxItems: 1_000 }).optional(),
  DANGEROUSLY_ALLOW_ANY_ORIGIN: boolean().optional(),
  MISSING_ORIGIN: z.enum(['allow', 'reject']).default('allow'),
  RATE_LIMIT_CONNECTION: count(1_000_000).default(100),
  RATE_LIMIT_ADDRESS: count(1_000_000).default(1_000),
  RATE_LIMIT_USER: count(1_000_000).default(200),
  RATE_LIMIT_WINDOW: duration({ min: 1_000, max: 3_600_000 })
    .refine((ms) => ms % 1_000 === 0, { params: { expected: 'whole seconds such as 1s, 30s or 2m' } })
    .default(1_000),
  INVALID_MESSAGE_BUDGET: count(1_000_000).default(10),
  SEND_HIGH_WATER_MARK: bytes({ min: 1024, max: 1024 * 1024 * 1024 }).default(1024 * 1024),
});

/**
 * Names of every environment variable {@link loadServerEnv} reads, for
 * documentation checks.
 *
 * @example
 * for (const name of serverEnvVariables) assert(readme.includes(`\`${name}\``));
 */
export const serverEnvVariables: readonly string[] = Object.freeze(Object.keys(schema.shape));

/**
 * Reads the server, logging and TLS settings shared by every app from the
 * environment. Outside production, leaving `ALLOWED_ORIGINS` unset accepts
 * any origin; in production that needs `DANGEROUSLY_ALLOW_ANY_ORIGIN=true`.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` listing every problem at once:
 * each invalid variable; in production, a missing `ALLOWED_ORIGINS` without
 * `DANGEROUSLY_ALLOW_ANY_ORIGIN=true`; only one of `TLS_CERT_FILE` and
 * `TLS_KEY_FILE` set; TLS files that are unreadable, not PEM, swapped or not a pair.
 * @example
 * const { server, logLevel } = loadServerEnv(process.env, { port: 8765 });
 */
export function loadServerEnv(env: Env, defaults: ServerEnvDefaults): ServerEnv {
  const problems = new ConfigProblems();
  const anyOrigin = env['ALLOWED_ORIGINS']?.trim() === '*';
  if (anyOrigin) problems.add('ALLOWED_ORIGINS: "*" is not accepted; set DANGEROUSLY_ALLOW_ANY_ORIGIN=true to accept any origin');
  const parsed = problems.attempt(() => loadConfig(schema, anyOrigin ? { ...env, ALLOWED_ORIGINS: undefined } : env));

  // The checks across variables run even when some variable is invalid, reading the
  // others as given, so one start-up reports every problem.
  const production = parsed === undefined ? env['NODE_ENV']?.trim() === 'production' : parsed.NODE_ENV === 'production';
  const hasOrigins = parsed === undefined ? anyOrigin || Boolean(env['ALLOWED_ORIGINS']?.trim()) : (parsed.ALLOWED_ORIGINS ?? []).length > 0;
  const anyOriginAllowed = parsed === undefined ? env['DANGEROUSLY_ALLOW_ANY_ORIGIN']?.trim() === 'true' : parsed.DANGEROUSLY_ALLOW_ANY_ORIGIN === true;
  if (production && !hasOrigins && !anyOriginAllowed) {
    problems.add('ALLOWED_ORIGINS is required when NODE_ENV=production, or DANGEROUSLY_ALLOW_ANY_ORIGIN=true');
  }
  const certFile = env['TLS_CERT_FILE'] || undefined;
  const keyFile = env['TLS_KEY_FILE'] || undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) problems.add('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  const tls = parsed?.TLS_CERT_FILE && parsed.TLS_KEY_FILE ? readTlsFiles(parsed.TLS_CERT_FILE, parsed.TLS_KEY_FILE, problems) : undefined;
  if (parsed === undefined || !problems.isEmpty) return problems.raise();
  const raw = parsed;
  const origins = raw.ALLOWED_ORIGINS ?? [];
  const window = raw.RATE_LIMIT_WINDOW;
  const server: ServerOptions = {
    host: raw.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: raw.PORT ?? defaults.port,
    metricsPort: raw.METRICS_PORT,
    gcMetrics: raw.METRICS_GC,
    tls,
    maxPayloadBytes: raw.MAX_PAYLOAD,
    preAuthMaxPayloadBytes: Math.min(raw.PRE_AUTH_MAX_PAYLOAD, raw.MAX_PAYLOAD),
    maxFragments: raw.MAX_FRAGMENTS,
    maxBufferedChunks: raw.MAX_BUFFERED_CHUNKS,
    compression: raw.COMPRESSION ? { thresholdBytes: raw.COMPRESSION_THRESHOLD } : false,
    heartbeatIntervalMs: raw.HEARTBEAT_INTERVAL,
    closeTimeoutMs: raw.CLOSE_TIMEOUT,
    handshakeTimeoutMs: raw.HANDSHAKE_TIMEOUT,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT,
    maxConnections: raw.MAX_CONNECTIONS,
    maxConnectionsPerAddress: raw.MAX_CONNECTIONS_PER_ADDRESS,
    maxUnauthenticatedConnections: raw.MAX_UNAUTHENTICATED_CONNECTIONS,
    maxUnauthenticatedPerAddress: raw.MAX_UNAUTHENTICATED_PER_ADDRESS,
    trustedProxies: raw.TRUSTED_PROXIES,
    allowedAddresses: raw.IP_ALLOWLIST,
    deniedAddresses: raw.IP_DENYLIST,
    allowedOrigins: origins,
    dangerouslyAllowAnyOrigin: raw.DANGEROUSLY_ALLOW_ANY_ORIGIN ?? (!production && origins.length === 0),
    missingOrigin: raw.MISSING_ORIGIN,
    rateLimitPerConnection: { points: raw.RATE_LIMIT_CONNECTION, durationMs: window },
    rateLimitPerAddress: { points: raw.RATE_LIMIT_ADDRESS, durationMs: window },
    rateLimitPerUser: { points: raw.RATE_LIMIT_USER, durationMs: window },
    invalidMessageBudget: raw.INVALID_MESSAGE_BUDGET,
    sendHighWaterMarkBytes: raw.SEND_HIGH_WATER_MARK,
  };
  return Object.freeze({ nodeEnv: raw.NODE_ENV, logLevel: raw.LOG_LEVEL, errorLogFile: raw.ERROR_LOG_FILE, server: Object.freeze(server) });
}
