import { hostname } from 'node:os';
import pino, { type Level, type Logger } from 'pino';
import { fileDestination, prettyDestination, stdoutDestination } from './internal/destinations.js';
import { openErrorLogFile } from './internal/error-log-file.js';
import { redactBindings, redactLogObject, redactSerialized } from './internal/redact-secrets.js';
import { scrubJwts } from './internal/scrub-jwt.js';
import { REDACTED, REDACT_PATHS } from './redact.js';
import type { REDACT_MAX_DEPTH, SECRET_KEYS } from './redact.js';
import { serializeConnection } from './serializers/connection.js';
import { serializeError } from './serializers/error.js';
import { serializeUpgradeRequest } from './serializers/upgrade-request.js';

// Serializer output is redacted as well, because pino serializes after the log formatter runs.
const SERIALIZERS = {
  err: redactSerialized(serializeError),
  error: redactSerialized(serializeError),
  req: redactSerialized(serializeUpgradeRequest),
  connection: redactSerialized(serializeConnection),
};
const SERIALIZED_KEYS: ReadonlySet<string> = new Set(Object.keys(SERIALIZERS));

/** Error log file used when {@link LoggerOptions.errorLogFile} is left unset. */
export const DEFAULT_ERROR_LOG_FILE = 'websocket_errors.log';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Service name bound to every line as `service`. */
  service: string;
  /** Service version bound to every line as `version`. */
  version?: string;
  /** Minimum level written to the main output; `info` by default. Apps pass `LOG_LEVEL`. */
  level?: Level;
  /**
   * File that also receives every line at `error` or above, opened with mode
   * 0600; `websocket_errors.log` in the working directory by default, `false`
   * to disable it.
   */
  errorLogFile?: string | false;
  /** Stream for the main output instead of stdout; tests pass their own. */
  destination?: NodeJS.WritableStream;
  /**
   * Human-readable output through pino-pretty instead of NDJSON, for
   * development only. Requires the optional peer dependency pino-pretty.
   */
  pretty?: boolean;
}

/**
 * Creates a pino logger writing NDJSON to stdout and every line at `error` or
 * above to an owner-only error log file. It binds service, version, pid and
 * hostname, writes ISO timestamps, always redacts {@link SECRET_KEYS} down to
 * {@link REDACT_MAX_DEPTH} and {@link REDACT_PATHS}, serializes `err`, `req`
 * and `connection`, and replaces any JWT-shaped text
 * left in a line with its fingerprint. Both destinations write synchronously,
 * so a line is out of the process once the log call returns.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the error log file cannot be
 * opened, is a symbolic link or not a regular file, or cannot be narrowed to
 * mode 0600; also when `pretty` is set with NODE_ENV=production or without
 * pino-pretty installed.
 * @example
 * const logger = createLogger({ service: 'echo-server', version: '1.0.0', level: 'info' });
 * logger.info({ port: 8765 }, 'listening');
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info';
  const main = options.pretty ? prettyDestination(options.destination) : (options.destination ?? stdoutDestination());
  const streams: pino.StreamEntry[] = [{ level, stream: main }];

  const errorLogFile = options.errorLogFile ?? DEFAULT_ERROR_LOG_FILE;
  if (errorLogFile !== false) {
    streams.push({ level: 'error', stream: fileDestination(openErrorLogFile(errorLogFile)) });
  }
  // The logger must produce `error` lines for the file even when the main
  // output only wants `fatal`; the multistream filters per destination.
  const producedLevel = errorLogFile !== false && pino.levels.values[level]! > pino.levels.values['error']! ? 'error' : level;

  const logger = pino(
    {
      level: producedLevel,
      base: { service: options.service, version: options.version, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactLogObject(object, SERIALIZED_KEYS),
      },
      serializers: SERIALIZERS,
      hooks: { streamWrite: scrubJwts },
    },
    pino.multistream(streams),
  );
  return redactBindings(logger, SERIALIZED_KEYS);
}
