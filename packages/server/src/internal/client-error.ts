import type { Socket } from 'node:net';
import { type ErrorCode, createError } from '@proj/errors';
import type { LogEvents } from '../log-events.js';
import type { ServerMetrics } from './metrics.js';
import { abortUpgrade, writeUpgradeRejection } from './reject-upgrade.js';

/**
 * Builds the HTTP server's `clientError` listener. Node emits that event for a
 * request that its parser rejected or that timed out, before any `upgrade` or
 * `request` event. A peer that has already gone gets no response. Every other
 * request gets a rejection through `@proj/errors`, counted and logged like the
 * upgrade checks.
 */
export function createClientErrorListener(context: { metrics: ServerMetrics; events: LogEvents }): (err: NodeJS.ErrnoException, socket: Socket) => void {
  const { metrics, events } = context;
  return (err, socket) => {
    // A peer that reset the connection gets no response and is no handshake error.
    if (err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    // A reset in the middle of a request surfaces as a parser error on a socket without a peer address.
    if (!socket.writable || socket.remoteAddress === undefined) {
      abortUpgrade(socket, undefined, context);
      return;
    }
    const error = createError(errorCodeOf(err), `HTTP parser reported ${err.code ?? 'an error'}`, { cause: err });
    metrics.upgrade(error.code);
    events.upgradeRejected(error, socket.remoteAddress);
    writeUpgradeRejection(socket, error);
  };
}

function errorCodeOf(err: NodeJS.ErrnoException): ErrorCode {
  // Node's parser raises HPE_HEADER_OVERFLOW past `maxHeaderSize` (16 KiB by default); RFC 6585 defines 431 for it.
  if (err.code === 'HPE_HEADER_OVERFLOW') return 'ERR_PROTOCOL_HEADERS_TOO_LARGE';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'ERR_TIMEOUT_HANDSHAKE';
  return 'ERR_PROTOCOL_BAD_HANDSHAKE';
}
