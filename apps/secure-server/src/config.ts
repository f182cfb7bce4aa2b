import { type ServerEnv, loadServerEnv } from '@proj/server';
import { ConfigProblems, type Env } from '@proj/validation';
import { type AuthConfig, loadAuthConfig } from './auth-config.js';

/** The port the secure server listens on when `PORT` is unset. */
export const DEFAULT_PORT = 8888;

/** Settings of the secure server, read once at start-up. */
export interface SecureConfig extends ServerEnv {
  /** Keys, claim checks, sessions, revocation and the admin endpoint. */
  readonly auth: AuthConfig;
}

/**
 * Reads and validates the secure server's environment variables: the shared
 * server settings of `@proj/server` and the authentication settings.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` listing the problems of both
 * groups, and in production when no key is configured, JWT_SECRET is shorter
 * than 32 bytes, or no origin allowlist is set.
 */
export function loadSecureConfig(env: Env): SecureConfig {
  const problems = new ConfigProblems();
  const auth = problems.attempt(() => loadAuthConfig(env));
  const shared = problems.attempt(() => loadServerEnv(env, { port: DEFAULT_PORT }));
  if (auth === undefined || shared === undefined || !problems.isEmpty) return problems.raise();
  return Object.freeze({ ...shared, auth });
}
