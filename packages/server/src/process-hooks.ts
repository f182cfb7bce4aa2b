import { type Logger, flushLogger } from '@proj/logger';
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
 * before exiting 1. Only an application's entry point should call this.
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
      () => {
        flushLogger(logger);
        target.exit(0);
      },
      (err: unknown) => {
        logShutdownFailed(logger, err);
        flushLogger(logger);
        target.exit(1);
      },
    );
  };
  target.on('SIGTERM', stop);
  target.on('SIGINT', stop);

  const crash = (err: unknown, origin: string): void => {
    logCrash(logger, err, origin);
    flushLogger(logger);
    target.exit(1);
  };
  target.on('uncaughtException', (err) => crash(err, 'uncaughtException'));
  target.on('unhandledRejection', (reason) => crash(reason, 'unhandledRejection'));
}
