import { type Logger, flushAndExit } from '@proj/logger';
import type { WebSocketService } from './create-server.js';
import { logCrash, logShutdownFailed, logSignal } from './log-events.js';

/** Options for {@link installProcessHooks}. */
export interface ProcessHookOptions {
  /** The service to close on SIGTERM and SIGINT. */
  service: WebSocketService;
  /** Logger that receives the shutdown and crash lines. */
  logger: Logger;
  /** Process to wire; the global `process` by default. */
  target?: NodeJS.Process;
}

/**
 * Wires SIGTERM and SIGINT to a graceful close followed by a log flush and
 * exit 0, and logs an uncaught exception or unhandled rejection at `fatal`
 * before exiting 1. Every exit goes through `flushAndExit` of `@proj/logger`,
 * so the last lines reach stdout and the error log file first. Only an application's entry point should call this.
 *
 * @example
 * installProcessHooks({ service, logger });
 */
export function installProcessHooks({ service, logger, target = process }: ProcessHookOptions): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logSignal(logger, signal);
    service.close().then(
      () => flushAndExit(logger, 0, target),
      (err: unknown) => {
        logShutdownFailed(logger, err);
        flushAndExit(logger, 1, target);
      },
    );
  };
  target.on('SIGTERM', stop);
  target.on('SIGINT', stop);

  const crash = (err: unknown, origin: string): void => {
    logCrash(logger, err, origin);
    flushAndExit(logger, 1, target);
  };
  target.on('uncaughtException', (err) => crash(err, 'uncaughtException'));
  target.on('unhandledRejection', (reason) => crash(reason, 'unhandledRejection'));
}
