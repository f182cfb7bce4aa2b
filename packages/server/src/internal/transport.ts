import { type Server as HttpServer, type ServerOptions as HttpServerOptions, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TlsOptions } from '../options.js';

/** Settings of {@link createTransport}. */
export interface TransportOptions {
  tls: TlsOptions | undefined;
  handshakeTimeoutMs: number;
}

/**
 * Creates the HTTP or, with a certificate, HTTPS server under the WebSocket
 * server. Its header and request timeouts bound how long an upgrade request
 * can hold a connection before its headers are complete, after which Node sends 408.
 */
export function createTransport({ tls, handshakeTimeoutMs }: TransportOptions): HttpServer {
  const options: HttpServerOptions = {
    headersTimeout: handshakeTimeoutMs,
    requestTimeout: handshakeTimeoutMs,
    // Node checks these timeouts on this interval (30 s by default), so it must be shorter than the timeout.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(handshakeTimeoutMs / 4))),
  };
  if (tls === undefined) return createHttpServer(options);
  return createHttpsServer({ ...options, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }) as unknown as HttpServer;
}
