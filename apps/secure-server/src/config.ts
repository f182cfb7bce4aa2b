import { type KeyObject } from 'node:crypto';
import { createHmacKey } from '@proj/auth';
import { createError } from '@proj/errors';
import { type Env, bytes, duration, integer, loadConfig, port, z } from '@proj/validation';
import { DEFAULT_DEV_SECRET_FILE, readOrCreateDevSecret } from './dev-secret.js';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: port().default(8888),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  ERROR_LOG_FILE: z.string().min(1).default('websocket_errors.log'),
  JWT_SECRET: z.string().optional(),
  JWT_CLOCK_TOLERANCE: integer({ min: 0, max: 300 }).default(0),
  DEV_SECRET_FILE: z.string().min(1).default(DEFAULT_DEV_SECRET_FILE),
  AUTH_TIMEOUT: duration().default(5_000),
  MAX_PAYLOAD: bytes().default(64 * 1024),
  HEARTBEAT_INTERVAL: duration().default(30_000),
  SHUTDOWN_TIMEOUT: duration().default(10_000),
});

/** Where the signing key came from, for the start-up log. */
export type SecretSource = { kind: 'env' } | { kind: 'dev-file'; file: string; created: boolean };

/** Settings of the secure server, read once at start-up. */
export interface SecureConfig {
  readonly nodeEnv: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly errorLogFile: string;
  readonly jwtKey: KeyObject;
  readonly secretSource: SecretSource;
  readonly clockToleranceSeconds: number;
  readonly authTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly heartbeatIntervalMs: number;
  readonly shutdownTimeoutMs: number;
}

/**
 * Reads and validates the secure server's environment variables.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for any invalid variable, and in
 * production when JWT_SECRET is unset or shorter than 32 bytes.
 */
export function loadSecureConfig(env: Env): SecureConfig {
  const raw = loadConfig(schema, env);
  const production = raw.NODE_ENV === 'production';
  let secret = raw.JWT_SECRET;
  let secretSource: SecretSource = { kind: 'env' };
  if (secret === undefined) {
    if (production) {
      throw createError('ERR_CONFIG_INVALID', 'JWT_SECRET is required when NODE_ENV=production (at least 32 bytes)');
    }
    const dev = readOrCreateDevSecret(raw.DEV_SECRET_FILE);
    secret = dev.secret;
    secretSource = { kind: 'dev-file', file: raw.DEV_SECRET_FILE, created: dev.created };
  }
  return Object.freeze({
    nodeEnv: raw.NODE_ENV,
    host: raw.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: raw.PORT,
    logLevel: raw.LOG_LEVEL,
    errorLogFile: raw.ERROR_LOG_FILE,
    jwtKey: createHmacKey(secret, { name: 'JWT_SECRET' }),
    secretSource,
    clockToleranceSeconds: raw.JWT_CLOCK_TOLERANCE,
    authTimeoutMs: raw.AUTH_TIMEOUT,
    maxPayloadBytes: raw.MAX_PAYLOAD,
    heartbeatIntervalMs: raw.HEARTBEAT_INTERVAL,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT,
  });
}
