import { CloseCode, type ProjError, toCloseFrame } from '@proj/errors';
import type { Logger } from '@proj/logger';
import type { WebSocket } from 'ws';

/** The per-connection context every handler receives. */
export interface Connection<Session = unknown> {
  /** Random id, also bound to the connection's logger as `connectionId`. */
  readonly id: string;
  /** Client address as seen by the server. */
  readonly remoteAddress: string;
  /** Child logger carrying `connectionId` and `remoteAddress`. */
  readonly log: Logger;
  /** Set by the application once the connection authenticates. */
  session: Session | undefined;
  /** Whether the socket is still open for sending. */
  readonly isOpen: boolean;
  /** Sends a text message; ignored once the connection is closing. */
  send(text: string): void;
  /** Closes with the close code and public reason of an error. */
  fail(error: ProjError): void;
  /** Closes normally (1000) with an optional reason. */
  end(reason?: string): void;
}

/** A {@link Connection} bound to one `ws` socket. */
export class SocketConnection<Session = unknown> implements Connection<Session> {
  readonly id: string;
  readonly remoteAddress: string;
  readonly log: Logger;
  session: Session | undefined;
  readonly #socket: WebSocket;

  constructor(options: { id: string; remoteAddress: string; log: Logger; socket: WebSocket }) {
    this.id = options.id;
    this.remoteAddress = options.remoteAddress;
    this.log = options.log;
    this.#socket = options.socket;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === this.#socket.OPEN;
  }

  send(text: string): void {
    if (this.isOpen) this.#socket.send(text);
  }

  fail(error: ProjError): void {
    const frame = toCloseFrame(error);
    if (frame.code === CloseCode.ABNORMAL) {
      this.#socket.terminate();
      return;
    }
    if (this.isOpen) this.#socket.close(frame.code, frame.reason);
  }

  end(reason = ''): void {
    if (this.isOpen) this.#socket.close(CloseCode.NORMAL, reason);
  }
}
