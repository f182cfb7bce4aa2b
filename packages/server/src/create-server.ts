import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server as HttpServer, type ServerResponse, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CloseCode, createError, toHttpResponse, toProjError } from '@proj/errors';
import type { Logger } from '@proj/logger';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { type Connection, SocketConnection } from './connection.js';
import * as events from './log-events.js';
import { type ServerOptions, resolveServerOptions } from './options.js';

/** Callbacks that give a server its behaviour. Each may be async; throws are caught. */
export interface ConnectionHandler<Session = unknown> {
  /** Runs once the upgrade completes. */
  onOpen?(connection: Connection<Session>): void | Promise<void>;
  /** Runs for each text message, already checked against the size limit. */
  onMessage(connection: Connection<Session>, text: string): void | Promise<void>;
  /** Runs once the connection is closed, whatever the reason. */
  onClose?(connection: Connection<Session>, code: number): void;
}

/** Collaborators of a server. */
export interface ServerDeps<Session = unknown> {
  /** Logger for lifecycle events; each connection gets a child of it. */
  logger: Logger;
  /** Application callbacks. */
  handler: ConnectionHandler<Session>;
}

/** A server built by {@link createServer}; nothing listens until `listen()`. */
export interface WebSocketService {
  /** Starts listening and resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, closes every client with 1001, and resolves when all are gone. */
  close(): Promise<void>;
  /** Number of open connections. */
  readonly connectionCount: number;
}

/**
 * Builds an unstarted WebSocket server with explicit limits, an `error`
 * listener on every socket, health endpoints and graceful shutdown.
 *
 * @example
 * const service = createServer({ port: 8765 }, { logger, handler: { onMessage: (c, t) => c.send(t) } });
 * await service.listen();
 */
export function createServer<Session = unknown>(options: ServerOptions, deps: ServerDeps<Session>): WebSocketService {
  const settings = resolveServerOptions(options);
  const { logger, handler } = deps;
  const connections = new Map<WebSocket, SocketConnection<Session>>();
  let draining = false;
  let listening = false;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: settings.maxPayloadBytes,
    perMessageDeflate: false,
    skipUTF8Validation: false,
  });

  const http: HttpServer = createHttpServer((req, res) => respondToPlainRequest(req, res));

  function respondToPlainRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (req.method === 'GET' && path === '/readyz') {
      const ready = listening && !draining;
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ready }));
    } else {
      res.writeHead(426, { upgrade: 'websocket', 'content-type': 'text/plain' }).end('Upgrade Required');
    }
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // First of all: a reset during the upgrade must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const remoteAddress = req.socket.remoteAddress ?? 'unknown';
    if (draining) {
      const error = createError('ERR_SERVER_SHUTTING_DOWN');
      events.logUpgradeRejected(logger, error, remoteAddress);
      socket.end(toHttpResponse(error));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, remoteAddress));
  });

  function accept(ws: WebSocket, remoteAddress: string): void {
    const id = randomUUID();
    const log = logger.child({ connectionId: id, remoteAddress });
    const connection = new SocketConnection<Session>({ id, remoteAddress, log, socket: ws });
    connections.set(ws, connection);
    let alive = true;

    ws.on('error', (err) => {
      const error = toProjError(err);
      events.logConnectionError(log, error);
      connection.fail(error);
    });
    ws.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        events.logHeartbeatTimeout(log);
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, settings.heartbeatIntervalMs);
    heartbeat.unref();

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        connection.fail(createError('ERR_VALIDATION_BINARY_UNSUPPORTED'));
        return;
      }
      run(connection, () => handler.onMessage(connection, rawToText(data)));
    });
    ws.on('close', (code) => {
      clearInterval(heartbeat);
      connections.delete(ws);
      events.logConnectionClosed(log, code);
      try {
        handler.onClose?.(connection, code);
      } catch (err) {
        events.logHandlerFailure(log, toProjError(err));
      }
    });

    events.logConnectionOpened(log);
    if (handler.onOpen) run(connection, () => handler.onOpen?.(connection));
  }

  // Error boundary around every handler call, sync or async.
  function run(connection: SocketConnection<Session>, call: () => void | Promise<void>): void {
    const fail = (err: unknown): void => {
      const error = toProjError(err);
      events.logHandlerFailure(connection.log, error);
      connection.fail(error);
    };
    try {
      const result = call();
      if (result instanceof Promise) result.catch(fail);
    } catch (err) {
      fail(err);
    }
  }

  return {
    get connectionCount() {
      return connections.size;
    },
    listen() {
      return new Promise<AddressInfo>((resolve, reject) => {
        http.once('error', reject);
        http.listen(settings.port, settings.host, () => {
          http.off('error', reject);
          listening = true;
          const address = http.address() as AddressInfo;
          events.logListening(logger, { host: address.address, port: address.port });
          resolve(address);
        });
      });
    },
    async close() {
      if (draining) return;
      draining = true;
      events.logShutdownStarted(logger, connections.size);
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      for (const ws of connections.keys()) ws.close(CloseCode.GOING_AWAY, 'Server shutting down');
      const deadline = Date.now() + settings.shutdownTimeoutMs;
      while (connections.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const terminated = connections.size;
      for (const ws of connections.keys()) ws.terminate();
      http.closeAllConnections();
      await closed;
      events.logShutdownFinished(logger, terminated);
    },
  };
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
