import { once } from 'node:events';
import { type Socket, connect as connectTcp } from 'node:net';
import { type RawHttpResponse, readProcessStats, sendRawHttp, upgradeRequest } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { serverFaultLines } from '../src/logs.js';
import { waitUntil } from '../src/raw-session.js';
import { type SecureTarget, type Target, expectNoLeaks, expectStillServing, startEchoTarget, startSecureTarget } from '../src/target.js';

const HANDSHAKE_TIMEOUT_MS = 500;
const audit = new LogAudit();
let echo: Target;
let secure: SecureTarget;
let impatient: Target;

beforeAll(async () => {
  [echo, secure, impatient] = await Promise.all([
    startEchoTarget(audit),
    startSecureTarget(audit),
    startEchoTarget(audit, { env: { HANDSHAKE_TIMEOUT: `${HANDSHAKE_TIMEOUT_MS}ms` }, label: 'echo-server with a short handshake timeout' }),
  ]);
});

afterAll(async () => {
  await Promise.all([echo?.app.stop(), secure?.app.stop(), impatient?.app.stop()]);
});

interface Malformed {
  readonly name: string;
  readonly request: (port: number) => string;
  readonly status: number;
}

const manyHeaders = (port: number): string =>
  upgradeRequest(port, { headers: Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`X-Filler-${i}`, 'v'])) });

// Each request must get this status and a closed connection, never a 101.
const malformed: readonly Malformed[] = [
  { name: 'unsupported version 99', request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Version': '99' } }), status: 400 },
  { name: 'missing version', request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Version': undefined } }), status: 400 },
  { name: 'missing key', request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Key': undefined } }), status: 400 },
  { name: 'key of 3 bytes', request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Key': 'abc' } }), status: 400 },
  { name: 'upgrade to h2c', request: (port) => upgradeRequest(port, { headers: { Upgrade: 'h2c' } }), status: 400 },
  { name: 'POST upgrade', request: (port) => upgradeRequest(port, { method: 'POST' }), status: 400 },
  { name: 'garbage request line', request: () => 'GARBAGE\r\n\r\n', status: 400 },
  { name: 'bare LF inside a header', request: (port) => upgradeRequest(port, { headers: { 'X-Split': 'a\nInjected: b' } }), status: 400 },
  // Node's parser reports both as header overflow past its 16 KiB maxHeaderSize.
  { name: '20 KB header value', request: (port) => upgradeRequest(port, { headers: { 'X-Big': 'a'.repeat(20_000) } }), status: 431 },
  { name: '3,000 headers', request: manyHeaders, status: 431 },
  {
    name: 'duplicate subprotocols',
    request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Protocol': 'chat, chat' } }),
    status: 400,
  },
  {
    name: 'control character in subprotocol',
    request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Protocol': 'a\u0001b' } }),
    status: 400,
  },
  {
    name: 'empty subprotocol entries',
    request: (port) => upgradeRequest(port, { headers: { 'Sec-WebSocket-Protocol': 'a, , b' } }),
    status: 400,
  },
];

function expectRejected(response: RawHttpResponse, status: number): void {
  expect(response.statusCode).toBe(status);
  expect(response.serverClosed).toBe(true);
  expect(response.raw.includes('101 Switching Protocols')).toBe(false);
}

describe.each([
  { appName: 'echo-server', target: (): Target => echo },
  { appName: 'secure-server', target: (): Target => secure },
])('handshakes on $appName', ({ target }) => {
  for (const request of malformed) {
    it(`${request.name} gets ${request.status}`, async () => {
      const { app } = target();
      const from = app.logs.length;

      const response = await sendRawHttp(app.port, request.request(app.port));

      expectRejected(response, request.status);
      expect(serverFaultLines(app.logs.slice(from))).toEqual([]);
    });
  }

  it('plain HTTP request gets 426', async () => {
    const response = await sendRawHttp(target().app.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { untilHead: true });
    expect(response.statusCode).toBe(426);
    expect(response.headers['upgrade']).toBe('websocket');
  });

  it('plain HTTP request on /healthz gets 200', async () => {
    const response = await fetch(`http://127.0.0.1:${target().app.port}/healthz`);
    expect(response.status).toBe(200);
  });

  it('hostile extension offer negotiates nothing', async () => {
    const { app } = target();
    const offer = 'permessage-deflate; client_max_window_bits=99; server_max_window_bits=0, x-evil; a="\\"", ;;=,';
    const response = await sendRawHttp(app.port, upgradeRequest(app.port, { headers: { 'Sec-WebSocket-Extensions': offer } }), {
      untilHead: true,
    });
    expect(response.statusCode).toBe(101);
    expect(response.headers['sec-websocket-extensions']).toBeUndefined();
  });

  it('unknown subprotocol is never selected', async () => {
    const { app } = target();
    const offer = `evil-${'p'.repeat(4_000)}`;
    const response = await sendRawHttp(app.port, upgradeRequest(app.port, { headers: { 'Sec-WebSocket-Protocol': offer } }), {
      untilHead: true,
    });
    expect(response.statusCode).toBe(101);
    expect(response.headers['sec-websocket-protocol']).toBeUndefined();
    expect(response.raw.includes(offer)).toBe(false);
  });

  it('subprotocol list of 1,000 entries gets a bounded reply', async () => {
    const { app } = target();
    const offer = Array.from({ length: 1_000 }, (_, i) => `p${i}`).join(', ');
    const response = await sendRawHttp(app.port, upgradeRequest(app.port, { headers: { 'Sec-WebSocket-Protocol': offer } }), {
      untilHead: true,
    });
    expect(response.statusCode).toBeDefined();
    expect(response.raw.length).toBeLessThan(4_096);
  });

  it('same process keeps serving after the handshakes group', async () => {
    await expectStillServing(target(), audit);
  });
});

describe('handshakes that never finish', () => {
  it('slow requests time out and free their sockets', { timeout: 20_000 }, async () => {
    const { app } = impatient;
    const before = readProcessStats(app.pid);
    const request = upgradeRequest(app.port);
    const sockets: Socket[] = [];
    for (let i = 0; i < 50; i += 1) {
      const socket = connectTcp({ host: '127.0.0.1', port: app.port });
      socket.on('error', () => undefined);
      socket.resume();
      await once(socket, 'connect');
      // Part of the request line, then nothing: the request never completes.
      socket.write(request.slice(0, 30));
      sockets.push(socket);
    }
    const started = Date.now();

    await waitUntil(() => sockets.every((socket) => socket.destroyed || socket.readableEnded), HANDSHAKE_TIMEOUT_MS + 5_000, 'server closing slow requests');

    expect(Date.now() - started).toBeLessThan(HANDSHAKE_TIMEOUT_MS + 5_000);
    for (const socket of sockets) socket.destroy();
    const after = readProcessStats(app.pid);
    expect(before).toBeDefined();
    if (before && after) expect(after.openFiles).toBeLessThanOrEqual(before.openFiles + 4);
    await expectStillServing(impatient, audit);
  });

  it('slow upgrade headers time out', async () => {
    const { app } = impatient;
    const socket = connectTcp({ host: '127.0.0.1', port: app.port });
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    const request = upgradeRequest(app.port);
    let sent = 0;
    // One byte every 100 ms: each byte is progress, but the whole request takes far longer than the timeout.
    const dripper = setInterval(() => {
      if (sent < request.length && !socket.destroyed) socket.write(request.slice(sent, (sent += 1)));
    }, 100);
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));

    await waitUntil(() => socket.destroyed || socket.readableEnded, HANDSHAKE_TIMEOUT_MS + 5_000, 'server closing a dripping request');
    clearInterval(dripper);

    expect(sent).toBeLessThan(request.length);
    expect(reply.includes('101 Switching Protocols')).toBe(false);
    socket.destroy();
  });
});

describe('handshakes logs', () => {
  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, secure, impatient]);
  });
});
