import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type Socket, connect as connectTcp } from 'node:net';

/** A TCP socket that completed a real WebSocket handshake, for writing raw frames. */
export interface RawWebSocket {
  readonly socket: Socket;
  /** Bytes received after the 101 response. */
  readonly received: () => Buffer;
  /** Resolves when the server closes or resets the TCP connection. */
  readonly ended: Promise<void>;
  /** Resolves with the first close frame's code, or undefined when the connection ends without one. */
  closeCode(timeoutMs?: number): Promise<number | undefined>;
}

/** Options for {@link openRawWebSocket}. */
export interface RawWebSocketOptions {
  /** Request target of the upgrade; `/` by default. */
  path?: string;
  /** Loopback address to connect from, such as `127.0.0.2`, to act as another client address. */
  localAddress?: string;
}

/**
 * Opens a TCP connection, sends a valid upgrade request and resolves after the
 * `101 Switching Protocols` response.
 */
export async function openRawWebSocket(
  port: number,
  headers: Record<string, string> = {},
  options: RawWebSocketOptions = {},
): Promise<RawWebSocket> {
  const socket = connectTcp({ host: '127.0.0.1', port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  const lines = [
    `GET ${options.path ?? '/'} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      if (upgraded) return;
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = buffer.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101')) {
        reject(new Error(`upgrade failed: ${head.split('\r\n')[0]}`));
        return;
      }
      upgraded = true;
      buffer = buffer.subarray(end + 4);
      resolve();
    };
    socket.on('data', onData);
    void ended.then(() => reject(new Error('connection closed during the handshake')));
  });

  const closeCode = async (timeoutMs = 5_000): Promise<number | undefined> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const code = findCloseCode(buffer);
      if (code !== undefined) return code;
      if (socket.destroyed) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no close frame within ${timeoutMs} ms`);
  };
  return { socket, received: () => buffer, ended, closeCode };
}

// Walks server frames (unmasked) and returns the code of the first close frame.
function findCloseCode(data: Buffer): number | undefined {
  let offset = 0;
  while (offset + 2 <= data.length) {
    const opcode = (data[offset] ?? 0) & 0x0f;
    let length = (data[offset + 1] ?? 0) & 0x7f;
    let header = 2;
    if (length === 126) {
      if (offset + 4 > data.length) return undefined;
      length = data.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (offset + 10 > data.length) return undefined;
      length = Number(data.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (offset + header + length > data.length) return undefined;
    if (opcode === 0x8) return length >= 2 ? data.readUInt16BE(offset + header) : 1005;
    offset += header + length;
  }
  return undefined;
}

/** Builds a masked client frame with a zero mask key, so the payload reads as-is. */
export function clientFrame(options: { opcode: number; payload?: Buffer | string; fin?: boolean; rsv?: number }): Buffer {
  const payload = typeof options.payload === 'string' ? Buffer.from(options.payload) : (options.payload ?? Buffer.alloc(0));
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | options.opcode;
  let header: Buffer;
  if (payload.length < 126) {
    header = Buffer.from([first, 0x80 | payload.length]);
  } else if (payload.length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}
