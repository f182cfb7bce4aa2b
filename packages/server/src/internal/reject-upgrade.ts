import type { Duplex } from 'node:stream';
import { type ProjError, toHttpResponse } from '@proj/errors';
import type { LogEvents } from '../log-events.js';
import type { ServerMetrics } from './metrics.js';

/** `Retry-After` seconds sent with a 429 or 503 rejection. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Writes a complete HTTP error response for a rejected upgrade and destroys
 * the socket once it is flushed. Never sends a 101.
 */
export function writeUpgradeRejection(socket: Duplex, error: ProjError): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(toHttpResponse(error, { retryAfterSeconds: RETRY_AFTER_SECONDS }));
}

/**
 * Destroys the socket of an upgrade whose client reset the connection before
 * the server responded. It is not a rejection, so it is counted as `aborted`, logged at debug.
 */
export function abortUpgrade(socket: Duplex, remoteAddress: string | undefined, context: { metrics: ServerMetrics; events: LogEvents }): void {
  context.metrics.upgrade('aborted');
  context.events.upgradeAborted(remoteAddress);
  socket.destroy();
}
