import { randomBytes } from 'node:crypto';
import { errorRegistry } from '@proj/errors';
import { type AppProcess, sendRawHttp, startApp } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Statuses and bodies of the admin endpoint. Every error response takes its
// status from the error registry and carries { code, message }.

const secret = randomBytes(32).toString('hex');
const adminToken = randomBytes(32).toString('hex');
let app: AppProcess;
let adminUrl: string;
let adminPort: number;

interface AdminResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function request(path: string, init: { method?: string; token?: string; body?: string } = {}): Promise<AdminResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  const response = await fetch(`${adminUrl}${path}`, {
    method: init.method ?? 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

function expectRegistryError(response: AdminResponse, code: keyof typeof errorRegistry): void {
  expect(response.status).toBe(errorRegistry[code].httpStatus);
  expect(response.body['code']).toBe(code);
  expect(response.body['message']).toMatch(/\S/);
  expect(response.headers.get('cache-control')).toBe('no-store');
}

beforeAll(async () => {
  app = await startApp('secure-server', { env: { JWT_SECRET: secret, ADMIN_PORT: '0', ADMIN_TOKEN: adminToken } });
  const line = await app.waitForLog((entry) => entry.msg === 'admin listening');
  adminPort = Number(line['port']);
  adminUrl = `http://127.0.0.1:${adminPort}`;
});

afterAll(async () => {
  await app.stop();
});

describe('secure-server admin endpoint', () => {
  it('responds to a missing token with 401 and a Bearer challenge', async () => {
    const response = await request('/revocations', { body: '{"kind":"user","userId":"a"}' });
    expectRegistryError(response, 'ERR_AUTH_TOKEN_MISSING');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('responds to a wrong token with 401', async () => {
    const response = await request('/revocations', { token: 'wrong', body: '{"kind":"user","userId":"a"}' });
    expectRegistryError(response, 'ERR_AUTH_TOKEN_INVALID');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('responds to a token of the right length but wrong value with 401', async () => {
    const response = await request('/revocations', { token: randomBytes(32).toString('hex'), body: '{"kind":"user","userId":"a"}' });
    expectRegistryError(response, 'ERR_AUTH_TOKEN_INVALID');
  });

  const invalidBodies: Array<[string, string, keyof typeof errorRegistry]> = [
    ['a body that is not JSON', '{"kind":', 'ERR_VALIDATION_INVALID_JSON'],
    ['a __proto__ key', '{"kind":"user","userId":"a","__proto__":{"isAdmin":true}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['deep nesting', `{"kind":"user","userId":"a","x":${'['.repeat(100)}${']'.repeat(100)}}`, 'ERR_VALIDATION_TOO_DEEP'],
    ['a schema failure', '{"kind":"user"}', 'ERR_VALIDATION_SCHEMA'],
    ['an oversized body', JSON.stringify({ kind: 'user', userId: 'x'.repeat(5_000) }), 'ERR_PAYLOAD_TOO_LARGE'],
  ];
  for (const [name, body, code] of invalidBodies) {
    it(`responds to ${name} with ${errorRegistry[code].httpStatus} ${code}`, async () => {
      expectRegistryError(await request('/revocations', { token: adminToken, body }), code);
    });
  }

  it('responds to an unknown route with 404', async () => {
    const response = await request('/nowhere', { method: 'GET', token: adminToken });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'Not Found' });
  });

  it('responds to a request target that is not a URL with 404', async () => {
    const response = await sendRawHttp(adminPort, `GET // HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${adminToken}\r\nConnection: close\r\n\r\n`);
    expect(response.statusCode).toBe(404);
  });

  it('records a valid revocation with 200', async () => {
    const response = await request('/revocations', { token: adminToken, body: '{"kind":"user","userId":"nobody"}' });
    expect(response.status).toBe(200);
    expect(response.body['closedSessions']).toBe(0);
  });
});
