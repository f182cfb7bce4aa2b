import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../verifier.js';
import { createJwksKeyResolver } from './jwks.js';

const first = generateKeyPairSync('rsa', { modulusLength: 2048 });
const second = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

let published: Array<{ kid: string; key: KeyObject; alg: string }> = [{ kid: 'first', key: first.publicKey, alg: 'RS256' }];
let requests = 0;
let stall = false;
let server: Server;
let jwksUri: string;

beforeAll(async () => {
  server = createServer((_request, res) => {
    requests += 1;
    if (stall) return; // never responds, so the client's timeout must fire
    const keys = published.map(({ kid, key, alg }) => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function sign(key: KeyObject, alg: 'RS256' | 'ES256', kid: string): string {
  return jwt.sign({ sub: `user-${kid}` }, key, { algorithm: alg, keyid: kid, expiresIn: 60 });
}

describe('createJwksKeyResolver', () => {
  it('verifies tokens across a key rotation and caches keys', async () => {
    requests = 0;
    const verifier = createTokenVerifier({ keys: createJwksKeyResolver({ jwksUri }), algorithms: ['RS256', 'ES256'] });
    expect((await verifier.verify(sign(first.privateKey, 'RS256', 'first'))).userId).toBe('user-first');
    expect((await verifier.verify(sign(first.privateKey, 'RS256', 'first'))).userId).toBe('user-first');
    expect(requests).toBe(1);

    published = [...published, { kid: 'second', key: second.publicKey, alg: 'ES256' }];
    expect((await verifier.verify(sign(second.privateKey, 'ES256', 'second'))).userId).toBe('user-second');
    expect(requests).toBe(2);
  });

  it('binds each JWKS key to its declared alg', async () => {
    const verifier = createTokenVerifier({ keys: createJwksKeyResolver({ jwksUri }), algorithms: ['RS256', 'PS256'] });
    const token = jwt.sign({ sub: 'x' }, first.privateKey, { algorithm: 'PS256', keyid: 'first', expiresIn: 60 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ERR_AUTH_TOKEN_INVALID', message: "algorithm PS256 does not match the key's type" });
  });

  it('rejects an unknown kid and rate-limits refetches', async () => {
    requests = 0;
    const verifier = createTokenVerifier({ keys: createJwksKeyResolver({ jwksUri, requestsPerMinute: 2 }), algorithms: ['RS256'] });
    for (const kid of ['ghost-1', 'ghost-2']) {
      await expect(verifier.verify(sign(first.privateKey, 'RS256', kid))).rejects.toMatchObject({
        code: 'ERR_AUTH_TOKEN_INVALID',
        message: 'unknown kid',
      });
    }
    await expect(verifier.verify(sign(first.privateKey, 'RS256', 'ghost-3'))).rejects.toMatchObject({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'unknown kid, and the JWKS refetch rate limit is reached',
    });
    expect(requests).toBe(2);
  });

  it('rejects a token without kid', async () => {
    const verifier = createTokenVerifier({ keys: createJwksKeyResolver({ jwksUri }), algorithms: ['RS256'] });
    const token = jwt.sign({ sub: 'x' }, first.privateKey, { algorithm: 'RS256', expiresIn: 60 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'token header has no kid, which a JWKS requires' });
  });

  it('reports a JWKS fetch that times out as unavailable', async () => {
    stall = true;
    try {
      const verifier = createTokenVerifier({ keys: createJwksKeyResolver({ jwksUri, timeoutMs: 200 }), algorithms: ['RS256'] });
      await expect(verifier.verify(sign(first.privateKey, 'RS256', 'first'))).rejects.toMatchObject({ code: 'ERR_AUTH_KEYS_UNAVAILABLE' });
    } finally {
      stall = false;
    }
  });

  it('refuses plain http outside loopback', () => {
    expect(() => createJwksKeyResolver({ jwksUri: 'http://issuer.example/jwks.json' })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    expect(() => createJwksKeyResolver({ jwksUri: 'not a url' })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});
