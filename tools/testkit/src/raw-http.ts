import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';

/** What came back for a raw HTTP request. */
export interface RawHttpResponse {
  /** Status code of the first response line; undefined when none arrived. */
  readonly statusCode: number | undefined;
  /** Response headers with lower-case names; repeated headers keep the last value. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every byte received, head and body. */
  readonly raw: Buffer;
  /** Whether the server closed or reset the connection before the wait ended. */
  readonly serverClosed: boolean;
}

/** Options for {@link sendRawHttp}. */
export interface SendRawHttpOptions {
  /** How long to wait for the server to close; the socket is destroyed afterwards. */
  timeoutMs?: number;
  /** Return as soon as a complete response head arrived instead of waiting for the close. */
  untilHead?: boolean;
}

/**
 * Writes bytes on a fresh TCP connection and collects the reply until the
 * server closes the connection or the wait ends. For requests that an HTTP
 * client library would refuse to send.
 */
export async function sendRawHttp(port: number, request: string | Buffer, options: SendRawHttpOptions = {}): Promise<RawHttpResponse> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  let raw = Buffer.alloc(0);
  let serverClosed = false;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.timeoutMs ?? 2_000);
    const finish = (): void => {
      clearTimeout(timer);
      resolve();
    };
    socket.on('data', (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      if (options.untilHead && raw.includes('\r\n\r\n')) finish();
    });
    socket.once('close', () => {
      serverClosed = true;
      finish();
    });
    socket.write(request);
  });
  socket.destroy();
  return { ...parseHead(raw), raw, serverClosed };
}

function parseHead(raw: Buffer): { statusCode: number | undefined; headers: Record<string, string> } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusCode: match ? Number(match[1]) : undefined, headers };
}

/** Options for {@link upgradeRequest}. */
export interface UpgradeRequestOptions {
  /** Request target; `/` by default. */
  path?: string;
  /** Request method; `GET` by default. */
  method?: string;
  /** Headers to add or, with the value `undefined`, to leave out of the standard set. */
  headers?: Record<string, string | undefined>;
}

/**
 * Builds the text of a WebSocket upgrade request with a fresh key, version 13
 * and the given changes, so a test can break one header at a time.
 */
export function upgradeRequest(port: number, options: UpgradeRequestOptions = {}): string {
  const headers: Record<string, string | undefined> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...options.headers,
  };
  const lines = [`${options.method ?? 'GET'} ${options.path ?? '/'} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
