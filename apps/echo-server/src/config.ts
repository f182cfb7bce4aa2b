import { type ServerEnv, loadServerEnv } from '@proj/server';
import type { Env } from '@proj/validation';

/** The port the echo server listens on when `PORT` is unset. */
export const DEFAULT_PORT = 8765;

/** Settings of the echo server, read once at start-up. */
export type EchoConfig = ServerEnv;

/**
 * Reads and validates the echo server's environment variables, all of them
 * shared server settings from `@proj/server`.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming each invalid variable.
 */
export function loadEchoConfig(env: Env): EchoConfig {
  return loadServerEnv(env, { port: DEFAULT_PORT });
}
