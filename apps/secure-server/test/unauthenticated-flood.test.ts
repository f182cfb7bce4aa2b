import { randomBytes } from 'node:crypto';
import { type Socket, connect as connectTcp } from 'node:net';
import { type AppProcess, clientFrame, connect, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// 1,000 silent sockets and 1,000 sockets that send a bad token and then ignore
// the close frame, all from 127.0.0.1, while a valid client connects from
// 127.0.0.2. Every socket is destroyed by the end; nothing here loops unbounded.

const secret = randomBytes(32).toString('hex');
const SOCKETS_PER_KIND = 1_000;
const BATCH = 100;
let app: AppProcess;

interface FloodSocket {
  socket: Socket;
  status: Promise<number | undefined>;
  closedAt: Promise<number>;
}

// Sends an upgrade request and never responds to anything, not even a close frame.
function openIgnoringSocket(port: number, firstMessage?: string): FloodSocket {
  const socket = connectTcp({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  const closedAt = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  const status = new Promise<number | undefined>((resolve) => {
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n')) return;
      socket.off('data', onData);
      const code = Number(head.slice(9, 12));
      if (code === 101 && firstMessage !== undefined) socket.write(clientFrame({ opcode: 0x1, payload: firstMessage }));
      resolve(code);
    };
    socket.on('data', onData);
    void closedAt.then(() => resolve(undefined));
  });
  socket.once('connect', () => {
    socket.write(
      [
        'GET / HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
  });
  return { socket, status, closedAt };
}

async function openMany(port: number, firstMessage?: string): Promise<FloodSocket[]> {
  const sockets: FloodSocket[] = [];
  for (let start = 0; start < SOCKETS_PER_KIND; start += BATCH) {
    const batch = Array.from({ length: BATCH }, () => openIgnoringSocket(port, firstMessage));
    await Promise.all(batch.map((entry) => entry.status));
    sockets.push(...batch);
  }
  return sockets;
}

beforeAll(async () => {
  app = await startApp('secure-server', { env: { JWT_SECRET: secret, AUTH_TIMEOUT: '1s' } });
});

afterAll(async () => {
  await app.stop();
});

describe('secure-server under unauthenticated sockets', () => {
  it('caps, times out and terminates them while a valid client gets in', async () => {
    const floodStarted = Date.now();
    const silent = await openMany(app.port);

    const valid = await connect(app.url, { localAddress: '127.0.0.2' });
    expect(await valid.request(jwt.sign({ sub: 'survivor' }, secret, { algorithm: 'HS256', expiresIn: '5m' }))).toBe('Authenticated!');

    const silentStatuses = await Promise.all(silent.map((entry) => entry.status));
    const silentAccepted = silentStatuses.filter((status) => status === 101).length;
    // The per-address cap on unauthenticated sockets (64 by default) refuses most of them at the upgrade.
    expect(silentAccepted).toBeGreaterThan(0);
    expect(silentStatuses.filter((status) => status === 429 || status === 503).length).toBe(SOCKETS_PER_KIND - silentAccepted);
    expect(silentAccepted).toBeLessThan(SOCKETS_PER_KIND / 2);
    // 4408 after the 1 s deadline, then terminated because no close frame comes back.
    const silentClosed = await Promise.all(silent.map((entry) => entry.closedAt));
    expect(Math.max(...silentClosed) - floodStarted).toBeLessThan(6_000);

    const badTokenStarted = Date.now();
    const badToken = await openMany(app.port, 'not-a-token');
    const badStatuses = await Promise.all(badToken.map((entry) => entry.status));
    const badAccepted = badStatuses.filter((status) => status === 101).length;
    expect(badAccepted).toBeGreaterThan(0);
    expect(badStatuses.filter((status) => status === 429 || status === 503).length).toBe(SOCKETS_PER_KIND - badAccepted);
    expect(badAccepted).toBeLessThan(SOCKETS_PER_KIND / 2);
    // 4401 at once, then terminated within the close timeout because the close frame is ignored.
    const badClosed = await Promise.all(badToken.map((entry) => entry.closedAt));
    expect(Math.max(...badClosed) - badTokenStarted).toBeLessThan(4_000);

    expect(app.child.exitCode).toBeNull();
    expect(await valid.request('still here')).toBe('Server received: still here');
    valid.close();
  });
});
