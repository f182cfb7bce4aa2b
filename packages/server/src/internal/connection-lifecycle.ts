import { performance } from 'node:perf_hooks';
import { createError, toProjError } from '@proj/errors';
import { bindUserId, connectionLogger } from '@proj/logger';
import type { RawData, WebSocket } from 'ws';
import { type ConnectionEvents, SocketConnection } from '../connection.js';
import type { ServerDeps } from '../handler.js';
import type { LogEvents } from '../log-events.js';
import type { ResolvedServerOptions } from '../options.js';
import type { ConnectionRecord } from './connection-record.js';
import { announcedLengthOf, byteLengthOf, defaultUserIdOf, rawToText, wsCloseCodeOf } from './ws-data.js';
import { emptyWindow } from './fixed-window.js';
import { createHandlerBoundary } from './handler-boundary.js';
import type { ServerMetrics } from './metrics.js';
import { createMessageRateLimits } from './rate-limits.js';
import type { AcceptedUpgrade } from './upgrade-gate.js';
import { newConnectionId } from './connection-id.js';

/** Collaborators of {@link createConnectionAcceptor}. */
export interface AcceptorContext<Session> {
  settings: ResolvedServerOptions;
  deps: ServerDeps<Session>;
  metrics: ServerMetrics;
  events: LogEvents;
  records: Map<WebSocket, ConnectionRecord<Session>>;
}

/**
 * Builds the function that takes over a socket after the 101 response: it
 * tracks the connection, enforces the per-message limits and routes every
 * message through the handler's error boundary.
 */
export function createConnectionAcceptor<Session>(context: AcceptorContext<Session>): (ws: WebSocket, upgrade: AcceptedUpgrade<Session>) => void {
  const { settings, deps, metrics, events, records } = context;
  const { handler, logger } = deps;
  const counters = metrics.messages;
  const limits = createMessageRateLimits(settings);
  const userIdOf = deps.userIdOf ?? defaultUserIdOf;
  const boundary = createHandlerBoundary({ metrics, events, budget: settings.invalidMessageBudget });

  const connectionEvents: ConnectionEvents<Session> = {
    authenticated(connection) {
      metrics.auth('authenticated');
      recordOf(connection)?.slot.authenticate();
      const userId = connection.session === undefined ? undefined : userIdOf(connection.session);
      if (userId !== undefined) bindUserId(connection.log, userId);
    },
    slowConsumer(connection) {
      const error = createError('ERR_SERVER_SLOW_CONSUMER');
      metrics.backpressure();
      events.slowConsumer(connection.log, error, connection.bufferedAmount);
      connection.fail(error);
    },
    failed(_connection, error) {
      metrics.error(error.code);
      // In-band authentication failures end the connection through fail(), so they are counted here.
      if (error.spec.kind === 'authentication' || error.spec.kind === 'authorization') metrics.auth(error.code);
    },
    sent(bytes) {
      counters.messagesSent += 1;
      counters.bytesSent += bytes;
    },
  };

  const byConnection = new WeakMap<SocketConnection<Session>, ConnectionRecord<Session>>();
  const recordOf = (connection: SocketConnection<Session>): ConnectionRecord<Session> | undefined => byConnection.get(connection);

  return (ws, { remoteAddress, session, slot }) => {
    const id = newConnectionId();
    const log = connectionLogger(logger, { connectionId: id, remoteAddress });
    const connection = new SocketConnection<Session>({
      id,
      remoteAddress,
      log,
      socket: ws,
      session,
      highWaterMarkBytes: settings.sendHighWaterMarkBytes,
      events: connectionEvents,
    });
    const record: ConnectionRecord<Session> = {
      ws,
      connection,
      slot,
      alive: true,
      rateWarned: false,
      invalidMessagesLeft: settings.invalidMessageBudget,
      messageWindow: emptyWindow(),
    };
    records.set(ws, record);
    byConnection.set(connection, record);
    const upgradeUserId = session === undefined ? undefined : userIdOf(session);
    if (upgradeUserId !== undefined) bindUserId(log, upgradeUserId);

    ws.on('error', (err) => {
      const error = toProjError(err);
      connection.noteCloseCode(wsCloseCodeOf(err) ?? error.spec.closeCode);
      metrics.error(error.code);
      const wsCode = (err as { code?: string }).code;
      const announcedBytes = wsCode === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? announcedLengthOf(ws, settings.maxPayloadBytes) : undefined;
      events.connectionError(log, error, { wsCode, announcedBytes });
    });
    ws.on('pong', () => {
      record.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = byteLengthOf(data);
      counters.messagesReceived += 1;
      counters.bytesReceived += bytes;
      if (isBinary) {
        connection.fail(createError('ERR_VALIDATION_BINARY_UNSUPPORTED'));
        return;
      }
      if (settings.requireAuthentication && connection.session === undefined && bytes > settings.preAuthMaxPayloadBytes) {
        const error = createError('ERR_PAYLOAD_TOO_LARGE', 'message over the pre-authentication limit');
        events.preAuthPayloadTooLarge(log, error, bytes, settings.preAuthMaxPayloadBytes);
        connection.fail(error);
        return;
      }
      const text = rawToText(data);
      if (limits.enabled) {
        const userId = connection.session === undefined ? undefined : userIdOf(connection.session);
        const scope = limits.check(record.messageWindow, connection.remoteAddress, userId, performance.now());
        // A message that arrives after the connection started closing is counted but not handled.
        if (!connection.isOpen) return;
        if (scope !== undefined) {
          rateLimited(record, scope);
          return;
        }
        record.rateWarned = false;
      }
      // Called synchronously, so messages reach the handler in arrival order without a queue.
      boundary.run(record, () => handler.onMessage(connection, text));
    });
    ws.on('close', (code) => {
      records.delete(ws);
      slot.release();
      metrics.close(connection.closeCodeSent ?? code);
      events.connectionClosed(log, code);
      if (handler.onClose) boundary.runOnClose(record, () => handler.onClose?.(connection, code));
    });

    events.connectionOpened(log, session !== undefined);
    if (handler.onOpen) boundary.run(record, () => handler.onOpen?.(connection), false);
  };

  function rateLimited(record: ConnectionRecord<Session>, scope: 'connection' | 'address' | 'user'): void {
    const error = createError('ERR_RATE_LIMITED', `${scope} message rate exceeded`);
    metrics.rateLimited(scope);
    if (record.rateWarned) {
      events.rateLimited(record.connection.log, error, scope, 'closed');
      record.connection.fail(error);
      return;
    }
    record.rateWarned = true;
    events.rateLimited(record.connection.log, error, scope, 'warned');
    boundary.reply(record, error);
  }
}
