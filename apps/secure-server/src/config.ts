import { type Env, bytes, duration, loadConfig, port, z } from '@proj/validation';
import { type AuthConfig, loadAuthConfig } from './auth-config.js';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: port().default(8888),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  ERROR_LOG_FILE: z.string().min(1).default('websocket_errors.log'),
  MAX_PAYLOAD: bytes().default(64 * 1024),
  HEARTBEAT_INTERVAL: duration().default(30_000),
  SHUTDOWN_TIMEOUT: duration().default(10_000),
});

/** Settings of the secure server, read once at start-up. */
export interface SecureConfig {
  readonly nodeEnv: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly errorLogFile: string;
  readonly maxPayloadBytes: number;
  readonly heartbeatIntervalMs: number;
  readonly shutdownTimeoutMs: number;
  /** Keys, claim checks, sessions, revocation and the admin endpoint. */
  readonly auth: AuthConfig;
}

/**
 * Reads and validates the secure server's environment variables.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for any invalid variable, and in
 * production when no key is configured or JWT_SECRET is shorter than 32 bytes.
 */
export function loadSecureConfig(env: Env): SecureConfig {
  const raw = loadConfig(schema, env);
  const production = raw.NODE_ENV === 'production';
  return Object.freeze({
    nodeEnv: raw.NODE_ENV,
    host: raw.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: raw.PORT,
    logLevel: raw.LOG_LEVEL,
    errorLogFile: raw.ERROR_LOG_FILE,
    maxPayloadBytes: raw.MAX_PAYLOAD,
    heartbeatIntervalMs: raw.HEARTBEAT_INTERVAL,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT,
    auth: loadAuthConfig(env),
  });
}
