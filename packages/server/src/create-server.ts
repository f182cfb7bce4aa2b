import { type Server as HttpServer, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createError } from '@proj/errors';
import type { Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import type { ServerDeps } from './handler.js';
import { createClientErrorListener } from './internal/client-error.js';
import { createConnectionAcceptor } from './internal/connection-lifecycle.js';
import type { ConnectionRecord } from './internal/connection-record.js';
import { startHeartbeat } from './internal/heartbeat.js';
import { createHttpRoutes } from './internal/http-routes.js';
import { createServerMetrics } from './internal/metrics.js';
import { drainConnections } from './internal/shutdown.js';
import { createTransport } from './internal/transport.js';
import { createUpgradeGate } from './internal/upgrade-gate.js';
import { createWebSocketServer } from './internal/websocket-server.js';
import { createLogEvents } from './log-events.js';
import { type ServerOptions, resolveServerOptions } from './options.js';

/** A server built by {@link createServer}; nothing listens until `listen()`. */
export interface WebSocketService {
  /** Starts listening and resolves with the bound address of the WebSocket listener. */
  listen(): Promise<AddressInfo>;
  /** Drains: rejects new upgrades with 503, closes every client with 1001, terminates stragglers at the deadline. */
  close(): Promise<void>;
  /** Number of open connections. */
  readonly connectionCount: number;
  /** Whether `/readyz` reports ready: listening and not draining. */
  readonly isReady: boolean;
  /** The server's own prom-client registry, also served on `/metrics`. */
  readonly metricsRegistry: Registry;
  /** Bound address of the separate metrics listener, once listening; undefined without `metricsPort`. */
  readonly metricsAddress: AddressInfo | undefined;
}

/**
 * Builds an unstarted WebSocket server with explicit limits, upgrade checks,
 * per-connection rate limits, heartbeat, error boundaries, metrics, health
 * endpoints and graceful shutdown.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when an address list, trusted proxy or origin cannot be parsed.
 * @example
 * const service = createServer({ port: 8765 }, { logger, handler: { onMessage: (c, t) => void c.send(t) } });
 * await service.listen();
 */
export function createServer<Session = unknown>(options: ServerOptions, deps: ServerDeps<Session>): WebSocketService {
  const settings = resolveServerOptions(options);
  const { logger } = deps;
  const records = new Map<WebSocket, ConnectionRecord<Session>>();
  const metrics = createServerMetrics(() => records.size, { gcMetrics: settings.gcMetrics });
  const events = createLogEvents(logger);
  let draining = false;
  let listening = false;
  let closing: Promise<void> | undefined;
  let stopHeartbeat = (): void => undefined;

  const wss = createWebSocketServer(settings, deps.selectProtocol);
  const accept = createConnectionAcceptor({ settings, deps, metrics, events, records });
  let gate: ReturnType<typeof createUpgradeGate<Session>>;
  try {
    gate = createUpgradeGate({ settings, deps, metrics, events, wss, accept, isDraining: () => draining });
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', err instanceof Error ? err.message : 'invalid server options', { cause: err });
  }

  const isReady = (): boolean => listening && !draining;
  const http: HttpServer = createTransport({ tls: settings.tls, handshakeTimeoutMs: settings.handshakeTimeoutMs });
  const separateMetrics = settings.metricsPort !== undefined;
  http.on('request', createHttpRoutes({ isReady, registry: metrics.registry, servesMetrics: !separateMetrics, servesUpgrades: true }));
  http.on('upgrade', gate);
  http.on('clientError', createClientErrorListener({ metrics, events }));
  const metricsHttp = separateMetrics
    ? createHttpServer(createHttpRoutes({ isReady, registry: metrics.registry, servesMetrics: true, servesUpgrades: false }))
    : undefined;
  let metricsAddress: AddressInfo | undefined;

  return {
    get connectionCount() {
      return records.size;
    },
    get isReady() {
      return isReady();
    },
    metricsRegistry: metrics.registry,
    get metricsAddress() {
      return metricsAddress;
    },
    async listen() {
      const address = await listenOn(http, settings.port, settings.host);
      if (metricsHttp) {
        metricsAddress = await listenOn(metricsHttp, settings.metricsPort ?? 0, settings.host);
        events.metricsListening({ host: metricsAddress.address, port: metricsAddress.port });
      }
      stopHeartbeat = startHeartbeat({ records, intervalMs: settings.heartbeatIntervalMs, metrics, events });
      listening = true;
      events.listening({ host: address.address, port: address.port, tls: settings.tls !== undefined });
      return address;
    },
    close() {
      closing ??= (async () => {
        draining = true;
        events.shutdownStarted(records.size);
        const result = await drainConnections(records, settings.shutdownTimeoutMs);
        stopHeartbeat();
        await Promise.all([closeServer(http), metricsHttp ? closeServer(metricsHttp) : undefined]);
        events.shutdownFinished(result);
        events.stop();
      })();
      return closing;
    },
  };
}

function listenOn(server: HttpServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeServer(server: HttpServer): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
