import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import { wsErrorCodes } from './internal/ws-codes.js';
import { toCloseFrame, toProjError } from './index.js';

const MAX_PAYLOAD = 16;
const MAX_FRAGMENTS = 2;
const MASK = '00000000';

let wss: WebSocketServer;
let port: number;
const serverErrors: Error[] = [];

beforeAll(async () => {
  // maxFragments exists in ws 8.23 but not in @types/ws 8.18.
  const options = { host: '127.0.0.1', port: 0, maxPayload: MAX_PAYLOAD, maxFragments: MAX_FRAGMENTS } as ServerOptions;
  wss = new WebSocketServer(options);
  wss.on('connection', (ws) => ws.on('error', (err) => serverErrors.push(err)));
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  port = (wss.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

// Completes a real handshake on a raw socket, writes the frame bytes, and
// returns the close code from the server's close frame.
async function sendRawFrames(hex: string): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => socket.destroy());
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const data = await readUntilClose(socket, (buffer) => {
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const frame = buffer.subarray(end + 4);
    return frame.length >= 4 && frame[0] === 0x88 ? frame : undefined;
  }, () => socket.write(Buffer.from(hex, 'hex')));
  socket.destroy();
  return data.readUInt16BE(2);
}

async function readUntilClose(socket: Socket, findClose: (buffer: Buffer) => Buffer | undefined, onUpgrade: () => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded && buffer.includes('\r\n\r\n')) {
        upgraded = true;
        onUpgrade();
      }
      const frame = findClose(buffer);
      if (frame) resolve(frame);
    });
    socket.on('close', () => reject(new Error('socket closed before a close frame arrived')));
  });
}

describe('toProjError on errors ws emits', () => {
  it('maps every WS_ERR_ code in the installed ws source', () => {
    const lib = join(dirname(createRequire(import.meta.url).resolve('ws')), 'lib');
    const found = new Set<string>();
    for (const file of readdirSync(lib).filter((name) => name.endsWith('.js'))) {
      for (const match of readFileSync(join(lib, file), 'utf8').matchAll(/'(WS_ERR_[A-Z0-9_]+)'/g)) found.add(match[1] ?? '');
    }
    expect([...found].sort()).toEqual(Object.keys(wsErrorCodes).sort());
  });

  it.each([
    ['WS_ERR_UNEXPECTED_RSV_1', `c180${MASK}`],
    ['WS_ERR_UNEXPECTED_RSV_2_3', `a180${MASK}`],
    ['WS_ERR_EXPECTED_MASK', '810568656c6c6f'],
    ['WS_ERR_INVALID_CLOSE_CODE', `8882${MASK}5765`],
    ['WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH', '89fe'],
    ['WS_ERR_INVALID_OPCODE', `8380${MASK}`],
    ['WS_ERR_EXPECTED_FIN', `0980${MASK}`],
    ['WS_ERR_INVALID_UTF8', `8181${MASK}ff`],
    ['WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', `8191${MASK}`],
    ['WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH', `81ff8000000000000000${MASK}`],
    ['WS_ERR_TOO_MANY_BUFFERED_PARTS', `0181${MASK}61` + `0081${MASK}61`.repeat(MAX_FRAGMENTS)],
  ])('gives %s the close code the ws server sends', async (wsCode, hex) => {
    serverErrors.length = 0;
    const sentCloseCode = await sendRawFrames(hex);
    const emitted = serverErrors.find((err) => (err as { code?: string }).code === wsCode);
    expect(emitted).toBeDefined();
    expect(toCloseFrame(emitted).code).toBe(sentCloseCode);
    expect(toProjError(emitted).code).toBe(wsErrorCodes[wsCode as keyof typeof wsErrorCodes]);
  });

  it('gives WS_ERR_UNEXPECTED_MASK the close code the ws client sends', async () => {
    let sentCloseCode: (code: number) => void = () => {};
    const clientClosed = new Promise<number>((resolve) => {
      sentCloseCode = resolve;
    });
    const raw = createServer((socket) => {
      socket.on('error', () => socket.destroy());
      socket.once('data', (request) => {
        const key = /sec-websocket-key: (\S+)/i.exec(request.toString('latin1'))?.[1] ?? '';
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        // Servers must not mask frames, so this text frame carries a mask.
        socket.write(Buffer.from(`8182${MASK}6869`, 'hex'));
        // The client's close frame is masked: 2 header bytes, 4 mask bytes, then the code.
        socket.once('data', (frame) => {
          if (frame[0] === 0x88 && frame.length >= 8) sentCloseCode(((frame[6] ?? 0) ^ (frame[2] ?? 0)) * 256 + ((frame[7] ?? 0) ^ (frame[3] ?? 0)));
        });
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(raw.address() as AddressInfo).port}`);
    const emitted = await new Promise<Error>((resolve) => client.once('error', resolve));
    const closeCode = await clientClosed;
    client.terminate();
    raw.close();
    expect((emitted as { code?: string }).code).toBe('WS_ERR_UNEXPECTED_MASK');
    expect(toCloseFrame(emitted).code).toBe(closeCode);
  });
});
