import { hostname } from 'node:os';
import pino, { type Level, type Logger } from 'pino';
import { REDACTED, REDACT_PATHS } from './redact.js';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Service name bound to every line as `service`. */
  service: string;
  /** Service version bound to every line as `version`. */
  version?: string;
  /** Minimum level written to stdout; `info` by default. */
  level?: Level;
  /**
   * File that also receives every line at `error` or above, created with
   * mode 0600; `false` disables it.
   */
  errorLogFile?: string | false;
  /** Stream for the main output; stdout by default. Tests pass their own. */
  destination?: NodeJS.WritableStream;
}

/**
 * Creates a pino logger writing NDJSON to stdout, with service, version, pid
 * and hostname bound, ISO timestamps and constant redaction paths.
 *
 * @example
 * const log = createLogger({ service: 'echo-server', errorLogFile: 'websocket_errors.log' });
 * log.info({ port }, 'listening');
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [
    { level, stream: options.destination ?? pino.destination({ dest: 1, sync: true }) },
  ];
  if (options.errorLogFile) {
    streams.push({
      level: 'error',
      stream: pino.destination({ dest: options.errorLogFile, sync: true, mkdir: true, mode: 0o600 }),
    });
  }
  return pino(
    {
      level,
      base: { service: options.service, version: options.version, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(streams),
  );
}
