import type { IncomingMessage } from 'node:http';
import { type ServerOptions as WsServerOptions, WebSocketServer } from 'ws';
import type { ResolvedServerOptions } from '../options.js';

// Limits that ws 8.23 accepts but @types/ws 8.18 does not declare yet.
interface WsLimitOptions {
  closeTimeout: number;
  maxFragments: number;
  maxBufferedChunks: number;
}

type ProtocolSelector = (offered: ReadonlySet<string>, request: IncomingMessage) => string | undefined;

/**
 * Creates the `noServer` WebSocketServer with every limit set explicitly:
 * ws's own defaults allow 100 MiB messages and a 30 s close handshake.
 */
export function createWebSocketServer(settings: ResolvedServerOptions, selectProtocol: ProtocolSelector | undefined): WebSocketServer {
  const allowed = new Set(settings.subprotocols);
  const options: WsServerOptions & WsLimitOptions = {
    noServer: true,
    clientTracking: false,
    maxPayload: settings.maxPayloadBytes,
    skipUTF8Validation: false,
    closeTimeout: settings.closeTimeoutMs,
    maxFragments: settings.maxFragments,
    maxBufferedChunks: settings.maxBufferedChunks,
    perMessageDeflate: settings.compression
      ? {
          threshold: settings.compression.thresholdBytes,
          // Dropping the zlib context after each message bounds the memory a connection holds.
          serverNoContextTakeover: true,
          clientNoContextTakeover: true,
          concurrencyLimit: 10,
        }
      : false,
    // Only a protocol the client offered and the server lists is selected, so a token sent as a protocol is never echoed.
    handleProtocols(offered, request) {
      const chosen = selectProtocol ? selectProtocol(offered, request) : [...offered].find((protocol) => allowed.has(protocol));
      return chosen !== undefined && offered.has(chosen) && allowed.has(chosen) ? chosen : false;
    },
  };
  return new WebSocketServer(options);
}
