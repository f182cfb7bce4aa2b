import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@proj/logger';
import { parseMetrics, sumMetric } from '@proj/testkit';
import WebSocket from 'ws';
import { createServer, type WebSocketService } from './create-server.js';
import type { ConnectionHandler, ServerDeps } from './handler.js';
import type { ServerOptions } from './options.js';

/** A log line written by the server under test. */
export type LogLine = Record<string, unknown> & { level?: string; msg?: string };

/** A started server with its captured log. */
export interface TestServer {
  readonly service: WebSocketService;
  readonly port: number;
  readonly url: string;
  readonly logs: LogLine[];
  /** Resolves with the `/metrics` text. */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/** Starts a real server on 127.0.0.1 port 0 with a logger that captures NDJSON lines. */
export async function startTestServer<Session = unknown>(
  options: ServerOptions,
  deps: Partial<Omit<ServerDeps<Session>, 'logger'>> & { handler?: ConnectionHandler<Session> } = {},
): Promise<TestServer> {
  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = createLogger({ service: 'server-test', level: 'debug', errorLogFile: false, destination });
  const handler = deps.handler ?? { onMessage: (connection, text) => void connection.send(`echo: ${text}`) };
  const service = createServer<Session>({ host: '127.0.0.1', port: 0, ...options }, { ...deps, logger, handler });
  const address: AddressInfo = await service.listen();
  return {
    service,
    port: address.port,
    url: `ws://127.0.0.1:${address.port}`,
    logs,
    metrics: async () => (await fetch(`http://127.0.0.1:${address.port}/metrics`)).text(),
    close: () => service.close(),
  };
}

/** Reads one metric from a Prometheus text exposition, summed over the matching samples; 0 when absent. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  return sumMetric(parseMetrics(text), name, labels);
}

/** Polls until `predicate` holds, failing after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Opens a client and resolves once open, or rejects with `statusCode` when the upgrade is refused. */
export function openClient(url: string, options: WebSocket.ClientOptions & { protocols?: string[] } = {}): Promise<WebSocket> {
  const { protocols, ...clientOptions } = options;
  const ws = new WebSocket(url, protocols, clientOptions);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      ws.terminate();
      reject(Object.assign(new Error(`upgrade refused with HTTP ${res.statusCode}`), { statusCode: res.statusCode }));
    });
    ws.once('error', reject);
  });
}

/** Resolves with the close code and reason of a client. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Resolves with the next text message of a client. */
export function nextMessage(ws: WebSocket, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(data.toString());
    });
  });
}
