import type { ProjError } from '@proj/errors';
import type { Logger } from '@proj/logger';

// Every log line of the connection lifecycle comes from this module, so the
// wording, levels and fields can be reviewed in one place.

export function logListening(log: Logger, address: { host: string; port: number }): void {
  log.info(address, 'listening');
}

export function logConnectionOpened(log: Logger): void {
  log.debug('connection opened');
}

export function logConnectionClosed(log: Logger, code: number): void {
  log.debug({ closeCode: code }, 'connection closed');
}

export function logConnectionError(log: Logger, error: ProjError): void {
  log[error.spec.logLevel]({ err: error, code: error.code }, 'connection error');
}

export function logHandlerFailure(log: Logger, error: ProjError): void {
  log[error.spec.logLevel]({ err: error, code: error.code }, 'handler failed');
}

export function logUpgradeRejected(log: Logger, error: ProjError, remoteAddress: string): void {
  log[error.spec.logLevel]({ code: error.code, status: error.spec.httpStatus, remoteAddress }, 'upgrade rejected');
}

export function logShutdownStarted(log: Logger, connections: number): void {
  log.info({ connections }, 'shutting down');
}

export function logShutdownFinished(log: Logger, terminated: number): void {
  log.info({ terminated }, 'shutdown complete');
}

export function logHeartbeatTimeout(log: Logger): void {
  log.info('heartbeat timeout, connection terminated');
}
