import { randomBytes } from 'node:crypto';
import { type AppProcess, connect, runAppToExit, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const secret = randomBytes(32).toString('hex');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const mint = (payload: Record<string, unknown>): string => jwt.sign(payload, secret, { algorithm: 'HS256' });

async function jsonClient(url: string, token: string) {
  const client = await connect(url);
  const reply = JSON.parse(await client.request(JSON.stringify({ type: 'auth', token }))) as Record<string, unknown>;
  expect(reply['type']).toBe('auth.ok');
  return client;
}

describe('secure-server session expiry', () => {
  let app: AppProcess;

  beforeAll(async () => {
    app = await startApp('secure-server', { env: { JWT_SECRET: secret, AUTH_EXPIRY_WARNING: '1500ms' } });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('closes a text session with 4440 at expiry while it keeps sending', async () => {
    const client = await connect(app.url);
    expect(await client.request(mint({ sub: 'short', exp: nowSeconds() + 2 }))).toBe('Authenticated!');
    const started = Date.now();
    const sender = setInterval(() => client.socket.send('still here'), 200);
    const closed = await client.closed;
    clearInterval(sender);
    expect(closed).toEqual({ code: 4440, reason: 'Token Expired' });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(client.received.filter((text) => text === 'Server received: still here').length).toBeGreaterThan(0);
  });

  it('warns a JSON session and extends it on refresh', async () => {
    const exp = nowSeconds() + 2;
    const client = await jsonClient(app.url, mint({ sub: 'refresher', exp }));
    const warning = JSON.parse(await client.nextMessage(3_000)) as Record<string, unknown>;
    expect(warning['type']).toBe('auth.expiring');
    expect(warning['expiresIn']).toBeLessThanOrEqual(2);

    const later = nowSeconds() + 60;
    const refreshed = JSON.parse(await client.request(JSON.stringify({ type: 'auth.refresh', token: mint({ sub: 'refresher', exp: later }), requestId: 'r' })));
    expect(refreshed).toEqual({ type: 'auth.refreshed', expiresAt: later, requestId: 'r' });

    await new Promise((resolve) => setTimeout(resolve, (exp - nowSeconds() + 1.5) * 1000));
    expect(JSON.parse(await client.request('{"type":"echo","text":"alive"}'))).toEqual({ type: 'echo', text: 'alive' });
    client.close();
  });

  it('sends auth.ok before an immediate auth.expiring', async () => {
    const early = await startApp('secure-server', { env: { JWT_SECRET: secret, AUTH_EXPIRY_WARNING: '10s' } });
    try {
      const client = await connect(early.url);
      // 4 to 5 seconds left, inside the 10-second warning window from the start.
      client.socket.send(JSON.stringify({ type: 'auth', token: mint({ sub: 'soon', exp: nowSeconds() + 5 }) }));

      const first = JSON.parse(await client.nextMessage()) as Record<string, unknown>;
      const second = JSON.parse(await client.nextMessage()) as Record<string, unknown>;

      expect(first['type']).toBe('auth.ok');
      expect(second['type']).toBe('auth.expiring');
      client.close();
    } finally {
      await early.stop();
    }
  });

  it('closes a session refreshed with another user token', async () => {
    const client = await jsonClient(app.url, mint({ sub: 'victim', exp: nowSeconds() + 60 }));
    client.socket.send(JSON.stringify({ type: 'auth.refresh', token: mint({ sub: 'intruder', exp: nowSeconds() + 60 }) }));
    expect((await client.closed).code).toBe(4401);
  });

  it('keeps a session whose refresh token is expired', async () => {
    const client = await jsonClient(app.url, mint({ sub: 'keeper', exp: nowSeconds() + 60 }));
    const reply = JSON.parse(await client.request(JSON.stringify({ type: 'auth.refresh', token: mint({ sub: 'keeper', exp: nowSeconds() - 10 }) })));
    expect(reply['code']).toBe('ERR_AUTH_TOKEN_EXPIRED');
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.close();
  });
});

describe('secure-server per-user cap', () => {
  it('rejects a session over the cap with 4429', async () => {
    const app = await startApp('secure-server', { env: { JWT_SECRET: secret, SESSIONS_PER_USER: '2' } });
    try {
      const token = mint({ sub: 'capped', exp: nowSeconds() + 60 });
      const first = await connect(app.url);
      const second = await connect(app.url);
      expect(await first.request(token)).toBe('Authenticated!');
      expect(await second.request(token)).toBe('Authenticated!');
      const third = await connect(app.url);
      third.socket.send(token);
      expect((await third.closed).code).toBe(4429);
      await expect(connect(app.url, { headers: { authorization: `Bearer ${token}` } })).rejects.toMatchObject({ statusCode: 429 });
      expect(await first.request('a')).toBe('Server received: a');
      first.close();
      second.close();
    } finally {
      await app.stop();
    }
  });

  it('closes the oldest session under close-oldest', async () => {
    const app = await startApp('secure-server', { env: { JWT_SECRET: secret, SESSIONS_PER_USER: '1', SESSION_LIMIT_POLICY: 'close-oldest' } });
    try {
      const token = mint({ sub: 'mover', exp: nowSeconds() + 60 });
      const old = await connect(app.url);
      expect(await old.request(token)).toBe('Authenticated!');
      const fresh = await connect(app.url);
      expect(await fresh.request(token)).toBe('Authenticated!');
      expect((await old.closed).code).toBe(4429);
      expect(await fresh.request('b')).toBe('Server received: b');
      fresh.close();
    } finally {
      await app.stop();
    }
  });
});

describe('secure-server clock tolerance', () => {
  it('accepts exp 20 s ago and rejects 40 s ago with tolerance 30', async () => {
    const app = await startApp('secure-server', { env: { JWT_SECRET: secret, JWT_CLOCK_TOLERANCE: '30' } });
    try {
      const recent = await connect(app.url);
      expect(await recent.request(mint({ sub: 'skewed', exp: nowSeconds() - 20 }))).toBe('Authenticated!');
      recent.close();
      const stale = await connect(app.url);
      expect(await stale.request(mint({ sub: 'skewed', exp: nowSeconds() - 40 }))).toBe('Token Expired');
      expect((await stale.closed).code).toBe(4440);
    } finally {
      await app.stop();
    }
  });

  for (const value of ['1e309', '-5', 'abc', '301', '1.5']) {
    it(`refuses to start with JWT_CLOCK_TOLERANCE=${value}`, async () => {
      const result = await runAppToExit('secure-server', { env: { JWT_SECRET: secret, JWT_CLOCK_TOLERANCE: value } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('JWT_CLOCK_TOLERANCE');
    });
  }
});
