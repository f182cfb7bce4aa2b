import { createRequire } from 'node:module';
import { createError } from '@proj/errors';
import pino from 'pino';

/**
 * The stdout destination: a synchronous SonicBoom on fd 1, so every line is
 * in the kernel's pipe or file before the log call returns.
 */
export function stdoutDestination(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

/** A synchronous SonicBoom appending to an already opened descriptor. */
export function fileDestination(fd: number): pino.DestinationStream {
  return pino.destination({ dest: fd, sync: true });
}

/**
 * Loads pino-pretty (an optional peer dependency) only when pretty output is
 * requested, and never when NODE_ENV is `production`.
 */
export function prettyDestination(target: NodeJS.WritableStream | undefined): pino.DestinationStream {
  if (process.env['NODE_ENV'] === 'production') {
    throw createError('ERR_CONFIG_INVALID', 'pretty log output is for development only and is refused when NODE_ENV=production');
  }
  let build: (options: Record<string, unknown>) => pino.DestinationStream;
  try {
    build = createRequire(import.meta.url)('pino-pretty') as typeof build;
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', 'pretty log output needs the pino-pretty package; install it as a dev dependency', {
      cause: err,
    });
  }
  return build({ destination: target ?? 1, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}
