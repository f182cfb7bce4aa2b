import WebSocket, { type ClientOptions } from 'ws';

/** A `ws` client that queues what it receives, for tests. */
export interface TestClient {
  readonly socket: WebSocket;
  /** Resolves with the next text message, waiting up to `timeoutMs`. */
  nextMessage(timeoutMs?: number): Promise<string>;
  /** Sends text and resolves with the next message. */
  request(text: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the close code and reason once the connection closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Every message received so far. */
  readonly received: string[];
  close(): void;
}

/**
 * Opens a WebSocket and resolves once it is open; rejects with the HTTP status
 * when the upgrade is refused (`err.statusCode`).
 */
export function connect(url: string, options: ClientOptions & { protocols?: string | string[] } = {}): Promise<TestClient> {
  const { protocols, ...clientOptions } = options;
  const socket = new WebSocket(url, protocols, clientOptions);
  const received: string[] = [];
  const queue: string[] = [];
  const readers: Array<(text: string) => void> = [];
  let resolveClosed: (value: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));

  socket.on('message', (data, isBinary) => {
    const text = isBinary ? `<binary ${(data as Buffer).length}>` : data.toString();
    received.push(text);
    const reader = readers.shift();
    if (reader) reader(text);
    else queue.push(text);
  });
  socket.on('close', (code, reason) => resolveClosed({ code, reason: reason.toString() }));

  const nextMessage = (timeoutMs = 5_000): Promise<string> => {
    const queued = queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const reader = (text: string): void => {
        clearTimeout(timer);
        resolve(text);
      };
      const timer = setTimeout(() => {
        readers.splice(readers.indexOf(reader), 1);
        reject(new Error(`no message within ${timeoutMs} ms`));
      }, timeoutMs);
      readers.push(reader);
    });
  };

  const client: TestClient = {
    socket,
    received,
    closed,
    nextMessage,
    request(text, timeoutMs) {
      socket.send(text);
      return nextMessage(timeoutMs);
    },
    close() {
      socket.close();
    },
  };

  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => {
      const error = Object.assign(new Error(`upgrade refused with HTTP ${res.statusCode}`), { statusCode: res.statusCode });
      res.resume();
      socket.terminate();
      reject(error);
    });
    socket.once('error', reject);
  });
}
