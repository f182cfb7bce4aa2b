import { randomBytes } from 'node:crypto';
import { type AppProcess, type TestClient, clientFrame, connect, openRawWebSocket, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Messages sent right behind the token wait while the token is checked, and
// are answered in order. Only the rate limit or the queue bound closes them.

const secret = randomBytes(32).toString('hex');
const RATE_LIMIT_CONNECTION = 100;
let app: AppProcess;

const mint = (sub: string): string => jwt.sign({ sub }, secret, { algorithm: 'HS256', expiresIn: '5m' });

async function collectUntil(client: TestClient, count: number): Promise<string[]> {
  const replies: string[] = [];
  while (replies.length < count) replies.push(await client.nextMessage());
  return replies;
}

beforeAll(async () => {
  app = await startApp('secure-server', {
    // A window far longer than the test, so every message of a test falls into one window.
    env: { JWT_SECRET: secret, RATE_LIMIT_CONNECTION: String(RATE_LIMIT_CONNECTION), RATE_LIMIT_WINDOW: '60s', LOG_LEVEL: 'debug' },
  });
});

afterAll(async () => {
  await app.stop();
});

describe('secure-server messages pipelined behind the token', () => {
  it('answers 60 text messages in order', async () => {
    const client = await connect(app.url);
    client.socket.send(mint('text-pipeline'));
    for (let i = 0; i < 60; i += 1) client.socket.send(`message ${i}`);

    const replies = await collectUntil(client, 61);

    expect(replies[0]).toBe('Authenticated!');
    expect(replies.slice(1)).toEqual(Array.from({ length: 60 }, (_, i) => `Server received: message ${i}`));
    client.close();
  });

  it('answers 99 JSON echoes in order', async () => {
    const client = await connect(app.url);
    client.socket.send(JSON.stringify({ type: 'auth', token: mint('json-pipeline') }));
    for (let i = 0; i < 99; i += 1) client.socket.send(JSON.stringify({ type: 'echo', text: `echo ${i}` }));

    const replies = (await collectUntil(client, 100)).map((text) => JSON.parse(text) as Record<string, unknown>);

    expect(replies[0]?.['type']).toBe('auth.ok');
    expect(replies.slice(1)).toEqual(Array.from({ length: 99 }, (_, i) => ({ type: 'echo', text: `echo ${i}` })));
    client.close();
  });

  it('warns, then closes 4429 past the rate limit', async () => {
    const client = await connect(app.url);
    client.socket.send(mint('flood'));
    for (let i = 0; i < RATE_LIMIT_CONNECTION + 20; i += 1) client.socket.send(`flood ${i}`);

    const { code } = await client.closed;

    expect(code).toBe(4429);
    const warnings = client.received.filter((text) => text.includes('"ERR_RATE_LIMITED"'));
    expect(warnings).toHaveLength(1);
  });
});

describe('secure-server queue behind the token', () => {
  it('warns, then closes 4429 past its byte bound', async () => {
    const small = await startApp('secure-server', { env: { JWT_SECRET: secret, MAX_PAYLOAD: '1KiB', RATE_LIMIT_CONNECTION: '0' } });
    try {
      const raw = await openRawWebSocket(small.port);
      const messages = [mint('bytes'), ...[0, 1, 2].map((i) => `${i}`.padEnd(600, '.'))];
      // One write, so the server reads every message before the token check can finish.
      raw.socket.write(Buffer.concat(messages.map((payload) => clientFrame({ opcode: 0x1, payload }))));

      expect(await raw.closeCode()).toBe(4429);
      expect(raw.received().toString('latin1')).toContain('"ERR_RATE_LIMITED"');
      await small.waitForLog((line) => line.msg === 'message queue full' && line['action'] === 'closed');
      raw.socket.destroy();
    } finally {
      await small.stop();
    }
  });
});
