import { join } from 'node:path';
import type { TargetContext } from './targets.js';

/**
 * Production-like settings for the apps, as environment variables only (each
 * app's `src/config.ts` defines them). Variables an app does not know are
 * ignored by its schema, so settings for features still being built can be
 * listed here before they land.
 */
export function appEnvironment(app: 'echo-server' | 'secure-server', context: TargetContext): Record<string, string> {
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    // Production defaults to 0.0.0.0; the benchmark keeps every socket on loopback.
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ERROR_LOG_FILE: join(context.workDir, `${app}-errors.log`),
  };
  if (app === 'echo-server') return common;
  return { ...common, JWT_SECRET: context.jwtSecret };
}

/** The settings that {@link appEnvironment} changes from the apps' production defaults, for the report. */
export function describeAppEnvironment(): string[] {
  return [
    'NODE_ENV=production, LOG_LEVEL=info, HOST=127.0.0.1, ERROR_LOG_FILE in a temporary folder',
    'secure-server: JWT_SECRET set to 48 random bytes per run',
  ];
}
