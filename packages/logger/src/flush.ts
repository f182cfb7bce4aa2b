import pino, { type Logger } from 'pino';

interface SyncFlushable {
  flushSync?: () => void;
}

/**
 * Flushes every destination of a logger synchronously, fsyncing the error
 * log file. Use it right before `process.exit`, where `logger.flush()` does
 * nothing for a multistream logger. Never throws.
 *
 * @example
 * logger.fatal({ err }, 'process crashed');
 * flushLogger(logger);
 */
export function flushLogger(logger: Logger): void {
  const stream = (logger as unknown as Record<symbol, SyncFlushable | undefined>)[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // A destination that is not open yet or already closed has nothing to flush.
  }
}

/**
 * Flushes a logger synchronously, then exits with `code`. Process hooks call
 * it after writing the fatal or shutdown line, so that line and every line
 * before it reach stdout and the error log file before the process ends.
 *
 * @example
 * process.on('uncaughtException', (err) => {
 *   logger.fatal({ err }, 'process crashed');
 *   flushAndExit(logger, 1);
 * });
 */
export function flushAndExit(logger: Logger, code: number, target: Pick<NodeJS.Process, 'exit'> = process): void {
  flushLogger(logger);
  target.exit(code);
}
