import { CloseCode } from '@proj/errors';
import { Counter, Gauge, Registry } from 'prom-client';
import { registerDefaultMetrics } from './default-metrics.js';
import { HotHistogram } from './hot-histogram.js';

/** Plain counters bumped on every message; the registry reads them at scrape time. */
export interface MessageCounters {
  messagesReceived: number;
  bytesReceived: number;
  messagesSent: number;
  bytesSent: number;
}

/** Scope of a message rate limit, used as a metric label. */
export type RateLimitScope = 'connection' | 'address' | 'user';

/** The metrics of one server, in a registry of its own. */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly messages: MessageCounters;
  readonly handlerDuration: HotHistogram;
  upgrade(outcome: string): void;
  error(code: string): void;
  close(code: number): void;
  auth(outcome: string): void;
  rateLimited(scope: RateLimitScope): void;
  backpressure(): void;
}

const closeCodeLabels = new Map<number, string>([...Object.values(CloseCode), 1005].map((code) => [code, String(code)]));

/**
 * Creates the server's metrics. Labels only ever hold error codes, close codes
 * from a fixed set, or fixed words, so their cardinality stays bounded.
 * `gcMetrics` adds prom-client's garbage collection histogram.
 */
export function createServerMetrics(openConnections: () => number, { gcMetrics = false }: { gcMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  registerDefaultMetrics(registry, { gc: gcMetrics });
  const messages: MessageCounters = { messagesReceived: 0, bytesReceived: 0, messagesSent: 0, bytesSent: 0 };

  new Gauge({
    name: 'ws_connections_open',
    help: 'Open WebSocket connections.',
    registers: [registry],
    collect() {
      this.set(openConnections());
    },
  });
  const fromField = (name: string, help: string, field: keyof MessageCounters): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(messages[field]);
      },
    });
  };
  fromField('ws_messages_received_total', 'Text messages received.', 'messagesReceived');
  fromField('ws_received_bytes_total', 'Bytes of text messages received.', 'bytesReceived');
  fromField('ws_messages_sent_total', 'Text messages sent.', 'messagesSent');
  fromField('ws_sent_bytes_total', 'Bytes of text messages sent.', 'bytesSent');

  // prom-client hashes a label object on every inc(), even through a cached labels() child, so each
  // labelled counter keeps plain counts per label value and hands them over at scrape time.
  const labelled = (name: string, help: string, label: string): ((value: string) => void) => {
    const counts = new Map<string, number>();
    new Counter({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      collect() {
        this.reset();
        for (const [value, count] of counts) this.inc({ [label]: value }, count);
      },
    });
    return (value) => {
      counts.set(value, (counts.get(value) ?? 0) + 1);
    };
  };
  const upgrades = labelled('ws_upgrades_total', 'Upgrade requests by outcome: accepted or the error code.', 'outcome');
  const errors = labelled('ws_errors_total', 'Errors that ended or rejected a connection, by error code.', 'code');
  const closes = labelled('ws_closes_total', 'Closed connections by close code; unknown codes count as other.', 'code');
  const auths = labelled('ws_auth_total', 'Authentication outcomes: authenticated or the error code.', 'outcome');
  const rateLimits = labelled('ws_rate_limited_total', 'Messages over a rate limit, by scope.', 'scope');
  const backpressure = new Counter({
    name: 'ws_backpressure_closes_total',
    help: 'Connections closed because their send queue passed the high-water mark.',
    registers: [registry],
  });
  const handlerDuration = new HotHistogram('ws_handler_duration_seconds', 'Time handlers take per message, including async work.');
  registry.registerMetric(handlerDuration.asMetric());

  return {
    registry,
    messages,
    handlerDuration,
    upgrade: upgrades,
    error: errors,
    close: (code) => closes(closeCodeLabels.get(code) ?? 'other'),
    auth: auths,
    rateLimited: rateLimits,
    backpressure: () => backpressure.inc(),
  };
}
