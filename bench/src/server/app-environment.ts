import { join } from 'node:path';
import type { TargetContext } from './targets.js';

/**
 * Limits a scenario needs raised: `connections` raises the connection caps and
 * the per-address message rate, and `throughput` every message rate limit too.
 */
export type AppProfile = 'throughput' | 'connections';

/** Highest message rate the apps accept per window (RATE_LIMIT_* allow at most 1,000,000). */
const RAISED_RATE_LIMIT = '1000000';

/** Connection caps that fit the idle scenario's 19,000 connections from one address. */
const RAISED_CONNECTION_CAP = '20000';

/**
 * Production-like settings for the apps, as environment variables only (the
 * names come from `loadServerEnv` in @proj/server and each app's
 * `src/config.ts`). Variables an app does not know are ignored by its schema.
 */
export function appEnvironment(app: 'echo-server' | 'secure-server', profile: AppProfile, context: TargetContext): Record<string, string> {
  const environment: Record<string, string> = {
    NODE_ENV: 'production',
    // Production defaults to 0.0.0.0; the benchmark keeps every socket on loopback.
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ERROR_LOG_FILE: join(context.workDir, `${app}-errors.log`),
    // An allowlist as in production; the load clients send no Origin header,
    // which MISSING_ORIGIN=allow (the default) lets through.
    ALLOWED_ORIGINS: 'https://app.example.com',
    // Every load client connects from 127.0.0.1, standing in for many client
    // addresses, so the per-address caps are raised to the total cap.
    MAX_CONNECTIONS: RAISED_CONNECTION_CAP,
    MAX_CONNECTIONS_PER_ADDRESS: RAISED_CONNECTION_CAP,
    // For the same reason, and because the setup scenario's thousands of
    // first-message authentications per second would otherwise trip it.
    RATE_LIMIT_ADDRESS: RAISED_RATE_LIMIT,
  };
  if (profile === 'throughput') {
    // The limiters stay on, so their cost is measured, but never trip.
    environment['RATE_LIMIT_CONNECTION'] = RAISED_RATE_LIMIT;
    environment['RATE_LIMIT_USER'] = RAISED_RATE_LIMIT;
  }
  if (app === 'secure-server') environment['JWT_SECRET'] = context.jwtSecret;
  return environment;
}

/** Lists the settings that {@link appEnvironment} changes from the apps' production defaults, for the report. */
export function describeAppEnvironment(): string[] {
  return [
    'NODE_ENV=production, LOG_LEVEL=info, HOST=127.0.0.1, ERROR_LOG_FILE in a temporary folder',
    'ALLOWED_ORIGINS=https://app.example.com (the load clients send no Origin header, which the default MISSING_ORIGIN=allow accepts)',
    `MAX_CONNECTIONS and MAX_CONNECTIONS_PER_ADDRESS raised to ${RAISED_CONNECTION_CAP} in every scenario, because all load comes from 127.0.0.1`,
    `RATE_LIMIT_ADDRESS raised to ${RAISED_RATE_LIMIT} per second in every scenario, for the same reason`,
    `echo scenarios only: RATE_LIMIT_CONNECTION and RATE_LIMIT_USER raised to ${RAISED_RATE_LIMIT} per second as well, so the limiters run on every message but never trip; setup and idle scenarios keep their defaults`,
    'secure-server: JWT_SECRET set to 48 random bytes per run',
  ];
}
