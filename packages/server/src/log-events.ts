import type { ProjError } from '@proj/errors';
import { type Logger, createFaultSampler } from '@proj/logger';

// Every log line of the connection lifecycle comes from this module, so the
// wording, levels and fields can be reviewed in one place. Client faults log
// at info or warn and are sampled per code; server faults log at error, always.

/** The lifecycle log lines of one server; methods taking `log` write to a connection's child logger. */
export interface LogEvents {
  listening(address: { host: string; port: number; tls: boolean }): void;
  metricsListening(address: { host: string; port: number }): void;
  connectionOpened(log: Logger, authenticated: boolean): void;
  connectionClosed(log: Logger, code: number): void;
  /** An `error` event of a socket, such as a protocol violation reported by ws, with ws's own code and, for an oversized frame, its announced length. */
  connectionError(log: Logger, error: ProjError, details: { wsCode: string | undefined; announcedBytes: number | undefined }): void;
  handlerFailed(log: Logger, error: ProjError): void;
  /** A rejected upgrade; the request's URL and headers are never logged. */
  upgradeRejected(error: ProjError, remoteAddress: string): void;
  /** An upgrade whose client reset the connection before the server responded; the address is unknown when the reset came before the request was read. */
  upgradeAborted(remoteAddress: string | undefined): void;
  rateLimited(log: Logger, error: ProjError, scope: string, action: 'warned' | 'closed'): void;
  slowConsumer(log: Logger, error: ProjError, bufferedBytes: number): void;
  budgetExceeded(log: Logger, error: ProjError, budget: number): void;
  /** A message over the pre-authentication limit; its size is logged, never its content. */
  preAuthPayloadTooLarge(log: Logger, error: ProjError, bytes: number, limit: number): void;
  heartbeatTimeout(log: Logger): void;
  shutdownStarted(connections: number): void;
  shutdownFinished(result: { closed: number; terminated: number }): void;
}

/** Options for {@link createLogEvents}. */
export interface LogEventsOptions {
  /** Client faults of one code logged in full per interval; the rest are summarized. */
  faultsPerInterval?: number;
  /** Milliseconds between summaries of suppressed client faults. */
  faultIntervalMs?: number;
}

/**
 * Creates the lifecycle log of one server, with a sampler for repeated client faults.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the sampler options are not positive integers.
 * @example
 * const events = createLogEvents(logger);
 * events.listening({ host: '127.0.0.1', port: 8765, tls: false });
 */
export function createLogEvents(logger: Logger, options: LogEventsOptions = {}): LogEvents & { stop(): void } {
  const sampler = createFaultSampler({ logger, firstN: options.faultsPerInterval ?? 10, intervalMs: options.faultIntervalMs ?? 10_000 });

  const fault = (log: Logger, error: ProjError, fields: Record<string, unknown>, message: string): void => {
    const level = error.spec.logLevel;
    if (level === 'error') {
      log.error({ ...fields, err: error, code: error.code }, message);
      return;
    }
    if (!sampler.shouldLog(error.code)) return;
    log[level]({ ...fields, code: error.code, reason: error.message }, message);
  };

  return {
    listening: (address) => logger.info(address, 'listening'),
    metricsListening: (address) => logger.info(address, 'metrics listening'),
    connectionOpened: (log, authenticated) => log.debug({ authenticated }, 'connection opened'),
    connectionClosed: (log, code) => log.debug({ closeCode: code }, 'connection closed'),
    connectionError: (log, error, details) => fault(log, error, details, 'connection error'),
    handlerFailed: (log, error) => fault(log, error, {}, 'handler failed'),
    upgradeRejected: (error, remoteAddress) =>
      fault(logger, error, { status: error.spec.httpStatus, remoteAddress }, 'upgrade rejected'),
    upgradeAborted: (remoteAddress) => logger.debug({ remoteAddress }, 'upgrade aborted by the client'),
    rateLimited: (log, error, scope, action) => fault(log, error, { scope, action }, 'rate limit exceeded'),
    slowConsumer: (log, error, bufferedBytes) => fault(log, error, { bufferedBytes }, 'send queue over high-water mark, closing'),
    budgetExceeded: (log, error, budget) => fault(log, error, { budget }, 'invalid message budget exceeded, closing'),
    preAuthPayloadTooLarge: (log, error, bytes, limit) =>
      fault(log, error, { bytes, limit }, 'message over the pre-authentication limit, closing'),
    heartbeatTimeout: (log) => log.info({ code: 'ERR_TIMEOUT_HEARTBEAT' }, 'heartbeat timeout, connection terminated'),
    shutdownStarted: (connections) => logger.info({ connections }, 'shutting down'),
    shutdownFinished: (result) => logger.info(result, 'shutdown complete'),
    stop: () => sampler.stop(),
  };
}

/** Logs a received signal. */
export function logSignal(log: Logger, signal: NodeJS.Signals): void {
  log.info({ signal }, 'signal received, shutting down');
}

/** Logs a failed shutdown. */
export function logShutdownFailed(log: Logger, err: unknown): void {
  log.error({ err }, 'shutdown failed');
}

/** Logs an uncaught exception or unhandled rejection before the process exits. */
export function logCrash(log: Logger, err: unknown, origin: string): void {
  log.fatal({ err, origin }, 'process crashed');
}
