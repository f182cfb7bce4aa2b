import { CloseCode, type ProjError, toCloseFrame, truncateUtf8 } from '@proj/errors';
import type { Logger } from '@proj/logger';
import type { WebSocket } from 'ws';

/** The per-connection context every handler receives. */
export interface Connection<Session = unknown> {
  /** Random id, also bound to the connection's logger as `connectionId`. */
  readonly id: string;
  /** Client address: the socket's, or the `X-Forwarded-For` entry of a trusted proxy. */
  readonly remoteAddress: string;
  /** Child logger carrying `connectionId` and `remoteAddress`. */
  readonly log: Logger;
  /** The subprotocol selected at the upgrade, or an empty string. */
  readonly protocol: string;
  /**
   * The authenticated session: set by the upgrade hook before `onOpen`, or by
   * the handler once the connection authenticates in-band. Setting it lifts
   * the pre-authentication limits.
   */
  session: Session | undefined;
  /** Whether the socket is still open for sending. */
  readonly isOpen: boolean;
  /** Bytes queued for this client and not yet written to the network. */
  readonly bufferedAmount: number;
  /**
   * Sends a text message. Returns false when nothing was sent: the connection
   * is closing, or the queue passed its high-water mark, in which case the
   * connection is closed with 1013 rather than losing the message silently.
   */
  send(text: string): boolean;
  /** Closes with the close code and public reason of an error; close code 1006 terminates the socket. */
  fail(error: ProjError): void;
  /** Closes normally (1000) with an optional reason, cut to 123 bytes of UTF-8. */
  end(reason?: string): void;
}

/** Callbacks through which a {@link SocketConnection} reports to the server that owns it. */
export interface ConnectionEvents<Session> {
  /** Runs when `session` changes from unset to set. */
  authenticated(connection: SocketConnection<Session>): void;
  /** Runs when a send would pass the high-water mark. */
  slowConsumer(connection: SocketConnection<Session>): void;
  /** Runs for every failure that closes the connection. */
  failed(connection: SocketConnection<Session>, error: ProjError): void;
  /** Runs for every message sent, with its size in bytes. */
  sent(bytes: number): void;
}

/** Constructor options of {@link SocketConnection}. */
export interface SocketConnectionOptions<Session> {
  id: string;
  remoteAddress: string;
  log: Logger;
  socket: WebSocket;
  session: Session | undefined;
  highWaterMarkBytes: number;
  events: ConnectionEvents<Session>;
}

/** A {@link Connection} bound to one `ws` socket. */
export class SocketConnection<Session = unknown> implements Connection<Session> {
  readonly id: string;
  readonly remoteAddress: string;
  readonly log: Logger;
  readonly #socket: WebSocket;
  readonly #highWaterMarkBytes: number;
  readonly #events: ConnectionEvents<Session>;
  #session: Session | undefined;
  #closeCodeSent: number | undefined;

  constructor(options: SocketConnectionOptions<Session>) {
    this.id = options.id;
    this.remoteAddress = options.remoteAddress;
    this.log = options.log;
    this.#socket = options.socket;
    this.#session = options.session;
    this.#highWaterMarkBytes = options.highWaterMarkBytes;
    this.#events = options.events;
  }

  get session(): Session | undefined {
    return this.#session;
  }

  set session(value: Session | undefined) {
    const wasAuthenticated = this.#session !== undefined;
    this.#session = value;
    if (!wasAuthenticated && value !== undefined) this.#events.authenticated(this);
  }

  /** The close code this server sent or chose, such as 1006 for a terminated socket; undefined when the peer closed first. */
  get closeCodeSent(): number | undefined {
    return this.#closeCodeSent;
  }

  /** Records the code of a close that ws or the server started outside `fail` and `end`. */
  noteCloseCode(code: number): void {
    this.#closeCodeSent ??= code;
  }

  /** Closes with a code and reason, unless the connection is already closing. */
  close(code: number, reason: string): void {
    if (this.#socket.readyState >= this.#socket.CLOSING) return;
    this.noteCloseCode(code);
    this.#socket.close(code, reason);
  }

  /** Destroys the socket without a close handshake; the peer observes 1006. */
  terminate(): void {
    this.noteCloseCode(CloseCode.ABNORMAL);
    this.#socket.terminate();
  }

  get protocol(): string {
    return this.#socket.protocol;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === this.#socket.OPEN;
  }

  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  send(text: string): boolean {
    if (!this.isOpen) return false;
    const bytes = Buffer.byteLength(text);
    if (this.#socket.bufferedAmount + bytes > this.#highWaterMarkBytes) {
      this.#events.slowConsumer(this);
      return false;
    }
    this.#socket.send(text);
    this.#events.sent(bytes);
    return true;
  }

  fail(error: ProjError): void {
    if (this.#socket.readyState >= this.#socket.CLOSING) return;
    this.#events.failed(this, error);
    const frame = toCloseFrame(error);
    if (frame.code === CloseCode.ABNORMAL) {
      this.terminate();
      return;
    }
    // ws destroys the socket when the peer sends no close frame back within closeTimeout.
    this.close(frame.code, frame.reason);
  }

  end(reason = ''): void {
    // ws throws on a close reason over 123 bytes, the room a control frame leaves after the code.
    this.close(CloseCode.NORMAL, truncateUtf8(reason));
  }
}
