import { type Env, bytes, duration, loadConfig, port, z } from '@proj/validation';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: port().default(8765),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  ERROR_LOG_FILE: z.string().min(1).default('websocket_errors.log'),
  MAX_PAYLOAD: bytes().default(64 * 1024),
  HEARTBEAT_INTERVAL: duration().default(30_000),
  SHUTDOWN_TIMEOUT: duration().default(10_000),
});

/** Settings of the echo server, read once at start-up. */
export type EchoConfig = ReturnType<typeof loadEchoConfig>;

/** Reads and validates the echo server's environment variables. */
export function loadEchoConfig(env: Env) {
  const raw = loadConfig(schema, env);
  // Loopback in development; every interface in production, where a container maps the port.
  const host = raw.HOST ?? (raw.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
  return Object.freeze({ ...raw, HOST: host });
}
