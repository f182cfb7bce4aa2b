import { randomBytes } from 'node:crypto';
import { type AppProcess, type TestClient, connect, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const secret = randomBytes(32).toString('hex');
const adminToken = randomBytes(32).toString('hex');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
let app: AppProcess;
let adminUrl: string;

const mint = (payload: Record<string, unknown>): string =>
  jwt.sign({ exp: nowSeconds() + 300, ...payload }, secret, { algorithm: 'HS256' });

async function revoke(body: Record<string, unknown>, token = adminToken): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${adminUrl}/revocations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function session(token: string): Promise<TestClient> {
  const client = await connect(app.url);
  expect(await client.request(token)).toBe('Authenticated!');
  return client;
}

// Resolves with the close code, or rejects when the socket is still open after `ms`.
async function closedWithin(client: TestClient, ms: number): Promise<number> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms));
  return (await Promise.race([client.closed, timeout])).code;
}

beforeAll(async () => {
  app = await startApp('secure-server', { env: { JWT_SECRET: secret, ADMIN_PORT: '0', ADMIN_TOKEN: adminToken } });
  const line = await app.waitForLog((entry) => entry.msg === 'admin listening');
  adminUrl = `http://127.0.0.1:${String(line['port'])}`;
});

afterAll(async () => {
  await app.stop();
});

describe('secure-server revocation', () => {
  it('closes the session of a revoked jti at once', async () => {
    const target = await session(mint({ sub: 'alice', jti: 'token-a' }));
    const bystander = await session(mint({ sub: 'alice', jti: 'token-b' }));
    const result = await revoke({ kind: 'token', tokenId: 'token-a' });
    expect(result.status).toBe(200);
    expect(result.body['closedSessions']).toBe(1);
    expect(await closedWithin(target, 1_000)).toBe(4403);
    expect(await bystander.request('still')).toBe('Server received: still');

    const again = await connect(app.url);
    expect(await again.request(mint({ sub: 'alice', jti: 'token-a' }))).toBe('Authentication failed');
    expect((await again.closed).code).toBe(4403);
    bystander.close();
  });

  it('closes every session of a revoked user at once', async () => {
    const first = await session(mint({ sub: 'mallory' }));
    const second = await session(mint({ sub: 'mallory', jti: 'm-2' }));
    const other = await session(mint({ sub: 'trent' }));
    expect((await revoke({ kind: 'user', userId: 'mallory' })).body['closedSessions']).toBe(2);
    expect(await closedWithin(first, 1_000)).toBe(4403);
    expect(await closedWithin(second, 1_000)).toBe(4403);
    expect(await other.request('ok')).toBe('Server received: ok');
    other.close();
  });

  it('closes sessions issued before a time at once', async () => {
    const old = await session(mint({ sub: 'carol', iat: nowSeconds() - 120 }));
    const cutoff = nowSeconds() - 60;
    const recent = await session(mint({ sub: 'carol', iat: nowSeconds() - 10 }));
    expect((await revoke({ kind: 'issued-before', userId: 'carol', before: cutoff })).body['closedSessions']).toBe(1);
    expect(await closedWithin(old, 1_000)).toBe(4403);
    expect(await recent.request('fine')).toBe('Server received: fine');
    recent.close();
  });

  it('closes a JSON session with 4403 on revocation', async () => {
    const client = await connect(app.url);
    await client.request(JSON.stringify({ type: 'auth', token: mint({ sub: 'json-victim' }) }));
    await revoke({ kind: 'user', userId: 'json-victim' });
    expect(await closedWithin(client, 1_000)).toBe(4403);
  });

  it('rejects an admin request without the admin token', async () => {
    expect((await revoke({ kind: 'user', userId: 'trent' }, 'wrong')).status).toBe(401);
    expect((await revoke({ kind: 'user' })).status).toBe(400);
  });

  it('lists the sessions of a user', async () => {
    const client = await session(mint({ sub: 'listed' }));
    const response = await fetch(`${adminUrl}/sessions?userId=listed`, { headers: { authorization: `Bearer ${adminToken}` } });
    const body = (await response.json()) as { sessions: Array<Record<string, unknown>> };
    expect(body.sessions).toHaveLength(1);
    expect(body.sessions[0]?.['userId']).toBe('listed');
    client.close();
  });
});
