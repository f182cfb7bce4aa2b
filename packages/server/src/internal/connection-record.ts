import type { WebSocket } from 'ws';
import type { SocketConnection } from '../connection.js';
import type { Slot } from './connection-slots.js';
import type { WindowCount } from './fixed-window.js';

/** State the server tracks for one open connection. */
export interface ConnectionRecord<Session> {
  readonly ws: WebSocket;
  readonly connection: SocketConnection<Session>;
  readonly slot: Slot;
  /** Cleared by each ping and set by the pong; still clear at the next ping means the peer is gone. */
  alive: boolean;
  /** Whether the last rate-limited message got a warning; the next one closes the connection. */
  rateWarned: boolean;
  /** Invalid messages left before the connection is closed with 1008. */
  invalidMessagesLeft: number;
  /** Messages counted against the per-connection rate limit in its current window. */
  readonly messageWindow: WindowCount;
}
