import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppProcess, connect, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const previous = generateKeyPairSync('rsa', { modulusLength: 2048 });
const next = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
let published: Array<{ kid: string; alg: string; key: KeyObject }> = [{ kid: 'previous', alg: 'RS256', key: previous.publicKey }];
let fetches = 0;
let jwksServer: Server;
let app: AppProcess;

function mint(kid: string, sub: string): string {
  const signing = kid === 'previous' ? { key: previous.privateKey, alg: 'RS256' as const } : { key: next.privateKey, alg: 'ES256' as const };
  return jwt.sign({ sub }, signing.key, { algorithm: signing.alg, keyid: kid, expiresIn: '5m' });
}

async function authenticate(token: string): Promise<string> {
  const client = await connect(app.url);
  const reply = await client.request(token);
  client.close();
  return reply;
}

beforeAll(async () => {
  jwksServer = createServer((_request, response) => {
    fetches += 1;
    const keys = published.map(({ kid, alg, key }) => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  jwksServer.listen(0, '127.0.0.1');
  await once(jwksServer, 'listening');
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  app = await startApp('secure-server', { env: { JWT_SECRET: undefined, JWKS_URL: jwksUrl, JWKS_CACHE_MAX_AGE: '1s' } });
});

afterAll(async () => {
  await app.stop();
  jwksServer.closeAllConnections();
  await new Promise((resolve) => jwksServer.close(resolve));
});

describe('secure-server with a JWKS', () => {
  it('follows a key rotation', async () => {
    expect(await authenticate(mint('previous', 'before-rotation'))).toBe('Authenticated!');
    const live = await connect(app.url, { headers: { authorization: `Bearer ${mint('previous', 'long-lived')}` } });

    published = [{ kid: 'next', alg: 'ES256', key: next.publicKey }];
    expect(await authenticate(mint('next', 'after-rotation'))).toBe('Authenticated!');
    expect(await live.request('still open')).toBe('Server received: still open');

    // Once the cached copy of the retired key ages out, its tokens stop working.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await authenticate(mint('previous', 'after-retirement'))).toBe('Authentication failed');
    await app.waitForLog((line) => line.msg === 'authentication failed' && line['reason'] === 'unknown kid');
    expect(fetches).toBeGreaterThanOrEqual(2);
    live.close();
  });

  it('rejects an HS256 token signed with the published public key', async () => {
    const pem = next.publicKey.export({ type: 'spki', format: 'pem' });
    const forged = jwt.sign({ sub: 'admin' }, Buffer.from(pem), { algorithm: 'HS256', keyid: 'next', expiresIn: '5m' });
    expect(await authenticate(forged)).toBe('Authentication failed');
  });
});
