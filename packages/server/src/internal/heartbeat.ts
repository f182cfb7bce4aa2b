import type { WebSocket } from 'ws';
import type { LogEvents } from '../log-events.js';
import type { ConnectionRecord } from './connection-record.js';
import type { ServerMetrics } from './metrics.js';

/** Collaborators of {@link startHeartbeat}. */
export interface HeartbeatOptions<Session> {
  records: ReadonlyMap<WebSocket, ConnectionRecord<Session>>;
  intervalMs: number;
  metrics: ServerMetrics;
  events: LogEvents;
}

/**
 * Starts one interval that pings every connection and terminates those that
 * sent no pong for the previous ping. `terminate()` is used, not a close
 * handshake, because a dead link would never complete one. Returns a function
 * that stops the interval.
 */
export function startHeartbeat<Session>({ records, intervalMs, metrics, events }: HeartbeatOptions<Session>): () => void {
  const timer = setInterval(() => {
    for (const record of records.values()) {
      if (!record.alive) {
        metrics.error('ERR_TIMEOUT_HEARTBEAT');
        events.heartbeatTimeout(record.connection.log);
        record.connection.terminate();
        continue;
      }
      record.alive = false;
      record.ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
