import { type KeyObject, createHmac, createPublicKey, createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { isProjError } from '@proj/errors';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import type { Algorithm } from './algorithms.js';
import { createKeySet } from './keys/key-set.js';
import { createVerificationKey } from './keys/verification-key.js';
import { MemoryRevocationStore } from './revocation/memory-store.js';
import { type TokenVerifierOptions, createTokenVerifier } from './verifier.js';

// 2030-01-01T00:00:00Z, frozen for every verification below.
const NOW = 1_893_456_000;
const now = () => NOW;

const secret = createSecretKey(randomBytes(32));
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const hmacKey = createVerificationKey({ key: secret, algorithms: ['HS256'] });
const rsaKey = createVerificationKey({ key: rsa.publicKey, algorithms: ['RS256'], kid: 'rsa-1' });
const ecKey = createVerificationKey({ key: ec.publicKey, algorithms: ['ES256'], kid: 'ec-1' });

function verifier(overrides: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({ keys: createKeySet([hmacKey, rsaKey, ecKey]), algorithms: ['HS256', 'RS256', 'ES256'], now, ...overrides });
}

function sign(payload: Record<string, unknown>, key: KeyObject | Buffer | string = secret, options: jwt.SignOptions = {}): string {
  return jwt.sign({ iat: NOW, ...payload }, key, { algorithm: 'HS256', ...options });
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function rejection(token: string, overrides: Partial<TokenVerifierOptions> = {}) {
  try {
    await verifier(overrides).verify(token);
  } catch (err) {
    if (!isProjError(err)) throw err;
    return { code: err.code, message: err.message };
  }
  throw new Error('the token was accepted');
}

describe('createTokenVerifier', () => {
  it('accepts a valid HS256 token', async () => {
    const verified = await verifier().verify(sign({ sub: 'alice', exp: NOW + 60, jti: 't-1' }));
    expect(verified.userId).toBe('alice');
    expect(verified.expiresAt).toBe(NOW + 60);
    expect(verified.issuedAt).toBe(NOW);
    expect(verified.tokenId).toBe('t-1');
  });

  it('reads the user id from user_id when sub is absent', async () => {
    const verified = await verifier().verify(sign({ user_id: 42, exp: NOW + 60 }));
    expect(verified.userId).toBe('42');
  });

  it('accepts RS256 and ES256 tokens selected by kid', async () => {
    const rsToken = sign({ sub: 'rs', exp: NOW + 60 }, rsa.privateKey, { algorithm: 'RS256', keyid: 'rsa-1' });
    const esToken = sign({ sub: 'es', exp: NOW + 60 }, ec.privateKey, { algorithm: 'ES256', keyid: 'ec-1' });
    expect((await verifier().verify(rsToken)).userId).toBe('rs');
    expect((await verifier().verify(esToken)).userId).toBe('es');
  });
});

describe('createTokenVerifier cheap checks', () => {
  const unsigned = (alg: string, signature = '') => `${encode({ alg, typ: 'JWT' })}.${encode({ sub: 'admin', exp: 4102444800 })}.${signature}`;

  for (const alg of ['none', 'NonE', 'NONE', 'nOnE']) {
    it(`rejects alg ${alg} with an empty signature`, async () => {
      expect(await rejection(unsigned(alg))).toEqual({ code: 'ERR_AUTH_TOKEN_MALFORMED', message: 'unsigned token rejected (alg none)' });
    });
  }

  it('rejects alg none with a junk signature', async () => {
    expect(await rejection(unsigned('none', 'junk-signature'))).toEqual({
      code: 'ERR_AUTH_TOKEN_MALFORMED',
      message: 'unsigned token rejected (alg none)',
    });
  });

  it('rejects an algorithm outside the allowlist', async () => {
    const token = sign({ sub: 'alice', exp: NOW + 60 }, randomBytes(64), { algorithm: 'HS512' });
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_MALFORMED', message: 'algorithm HS512 is not allowed' });
  });

  it('rejects an empty token as missing', async () => {
    expect((await rejection('')).code).toBe('ERR_AUTH_TOKEN_MISSING');
  });

  it('rejects an oversized token before parsing it', async () => {
    const token = `${encode({ alg: 'HS256' })}.${'a'.repeat(5_000)}.sig`;
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_MALFORMED', message: 'token is longer than 4096 characters' });
  });

  const malformed: Array<[string, string, string]> = [
    ['two segments', 'abc.def', 'token is not three base64url segments'],
    ['four segments', 'a.b.c.d', 'token is not three base64url segments'],
    ['characters outside base64url', 'a+b.c/d.e=', 'token is not three base64url segments'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.sig`, 'token header is not JSON'],
    ['a header that is an array', `${encode(['HS256'])}.e30.sig`, 'token header is not a JSON object'],
    ['a header without alg', `${encode({ typ: 'JWT' })}.e30.sig`, 'token header has no alg'],
    ['a header with crit', `${encode({ alg: 'HS256', crit: ['b64'] })}.e30.sig`, 'token header has crit, which is not supported'],
    ['an HS256 token without signature', `${encode({ alg: 'HS256' })}.e30.`, 'token has no signature'],
  ];
  for (const [name, token, message] of malformed) {
    it(`rejects ${name}`, async () => {
      expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_MALFORMED', message });
    });
  }
});

// Signs arbitrary header and payload text with the HMAC key, so a payload
// that is not a JSON object still carries a valid signature.
function signText(header: string, payload: string): string {
  const data = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
}

describe('createTokenVerifier failure reasons', () => {
  const marker = `marker-${randomBytes(6).toString('hex')}`;
  const hs256 = '{"alg":"HS256","typ":"JWT"}';
  const cases: Array<[string, string, string, string]> = [
    ['a payload that is not JSON', signText(hs256, `not json ${marker}`), 'ERR_AUTH_TOKEN_MALFORMED', 'token payload is not JSON'],
    ['a payload that is not JSON without typ', signText('{"alg":"HS256"}', `not json ${marker}`), 'ERR_AUTH_TOKEN_MALFORMED', 'token payload is not JSON'],
    ['a header that is not JSON', signText(`{"alg":"HS256","x":${marker}}`, '{}'), 'ERR_AUTH_TOKEN_MALFORMED', 'token header is not JSON'],
    ['a payload that is a JSON string', signText(hs256, JSON.stringify(marker)), 'ERR_AUTH_TOKEN_MALFORMED', 'token payload is not a JSON object'],
    ['a payload that is a JSON array', signText(hs256, JSON.stringify([marker])), 'ERR_AUTH_TOKEN_MALFORMED', 'token payload is not a JSON object'],
    ['a payload that is null', signText(hs256, 'null'), 'ERR_AUTH_TOKEN_MALFORMED', 'token payload is not a JSON object'],
    ['a payload with a __proto__ key', signText(hs256, `{"sub":"a","exp":${NOW + 60},"__proto__":{"m":"${marker}"}}`), 'ERR_AUTH_TOKEN_MALFORMED', 'token payload contains a __proto__ or constructor.prototype key'],
    ['an exp that is a string', signText(hs256, `{"sub":"a","exp":"${marker}"}`), 'ERR_AUTH_TOKEN_INVALID', 'exp is not a number'],
    ['an unknown alg', signText(`{"alg":"${marker}"}`, '{}'), 'ERR_AUTH_TOKEN_MALFORMED', 'algorithm is not supported'],
    ['an unknown kid', signText(`{"alg":"HS256","kid":"${marker}"}`, '{}'), 'ERR_AUTH_TOKEN_INVALID', 'unknown kid'],
  ];
  for (const [name, token, code, message] of cases) {
    it(`gives a fixed reason for ${name}`, async () => {
      let caught: unknown;
      try {
        await verifier().verify(token);
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({ code, message });
      expect((caught as Error).cause).toBeUndefined();
      expect(JSON.stringify(caught, Object.getOwnPropertyNames(caught))).not.toContain(marker);
    });
  }
});

describe('createTokenVerifier key binding', () => {
  it('rejects an HS256 token signed with the RSA public key PEM as secret', async () => {
    const forged = sign({ sub: 'admin', exp: NOW + 60 }, Buffer.from(rsaPublicPem), { keyid: 'rsa-1' });
    expect(await rejection(forged)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: "algorithm HS256 does not match the key's type" });
  });

  it('rejects an HS256 token signed with the EC public key PEM as secret', async () => {
    const pem = ec.publicKey.export({ type: 'spki', format: 'pem' });
    const forged = sign({ sub: 'admin', exp: NOW + 60 }, Buffer.from(pem), { keyid: 'ec-1' });
    expect(await rejection(forged)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: "algorithm HS256 does not match the key's type" });
  });

  it('relies on jsonwebtoken 9 refusing a public KeyObject for HS256', () => {
    const forged = sign({ sub: 'admin', exp: NOW + 60 }, Buffer.from(rsaPublicPem));
    const verify = () => jwt.verify(forged, rsa.publicKey, { algorithms: ['HS256', 'RS256'] });
    expect(verify).toThrow('secretOrPublicKey must be a symmetric key when using HS256');
    const verifyPem = () => jwt.verify(forged, createPublicKey(rsaPublicPem), { algorithms: ['HS256'] });
    expect(verifyPem).toThrow('secretOrPublicKey must be a symmetric key when using HS256');
  });

  it('rejects an RS256 token presented for the HMAC key', async () => {
    const token = sign({ sub: 'alice', exp: NOW + 60 }, rsa.privateKey, { algorithm: 'RS256' });
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: "algorithm RS256 does not match the key's type" });
  });

  it('rejects an ES256 token presented for the RSA kid', async () => {
    const token = sign({ sub: 'alice', exp: NOW + 60 }, ec.privateKey, { algorithm: 'ES256', keyid: 'rsa-1' });
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: "algorithm ES256 does not match the key's type" });
  });

  it('rejects a wrong signature', async () => {
    const token = sign({ sub: 'alice', exp: NOW + 60 }, randomBytes(32));
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'signature does not match' });
  });

  it('rejects an RS256 token signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = sign({ sub: 'alice', exp: NOW + 60 }, other.privateKey, { algorithm: 'RS256', keyid: 'rsa-1' });
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'signature does not match' });
  });

  it('rejects an unknown kid', async () => {
    const token = sign({ sub: 'alice', exp: NOW + 60 }, secret, { keyid: 'retired' });
    expect(await rejection(token)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'unknown kid' });
  });
});

describe('createTokenVerifier claims', () => {
  it('rejects a token without exp', async () => {
    expect(await rejection(sign({ sub: 'alice' }))).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'exp is required' });
  });

  it('rejects a token that expired an hour ago', async () => {
    expect(await rejection(sign({ sub: 'alice', iat: NOW - 7200, exp: NOW - 3600 }))).toEqual({
      code: 'ERR_AUTH_TOKEN_EXPIRED',
      message: 'token expired',
    });
  });

  it('rejects a token at the exact second of exp', async () => {
    expect((await rejection(sign({ sub: 'alice', iat: NOW - 60, exp: NOW }))).code).toBe('ERR_AUTH_TOKEN_EXPIRED');
  });

  it('accepts exp 20 s ago with a 30 s tolerance', async () => {
    const token = sign({ sub: 'alice', iat: NOW - 600, exp: NOW - 20 });
    expect((await verifier({ clockToleranceSeconds: 30 }).verify(token)).userId).toBe('alice');
  });

  it('rejects exp 40 s ago with a 30 s tolerance', async () => {
    const token = sign({ sub: 'alice', iat: NOW - 600, exp: NOW - 40 });
    expect((await rejection(token, { clockToleranceSeconds: 30 })).code).toBe('ERR_AUTH_TOKEN_EXPIRED');
  });

  it('rejects nbf an hour ahead', async () => {
    expect(await rejection(sign({ sub: 'alice', nbf: NOW + 3600, exp: NOW + 7200 }))).toEqual({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'nbf is in the future',
    });
  });

  it('accepts nbf within the tolerance', async () => {
    const token = sign({ sub: 'alice', nbf: NOW + 10, exp: NOW + 60 });
    expect((await verifier({ clockToleranceSeconds: 30 }).verify(token)).userId).toBe('alice');
  });

  it('rejects iat a day ahead', async () => {
    expect(await rejection(sign({ sub: 'alice', iat: NOW + 86_400, exp: NOW + 90_000 }))).toEqual({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'iat is in the future',
    });
  });

  it('rejects a token older than maxAge', async () => {
    const token = sign({ sub: 'alice', iat: NOW - 120, exp: NOW + 60 });
    expect(await rejection(token, { maxAgeSeconds: 60 })).toEqual({ code: 'ERR_AUTH_TOKEN_EXPIRED', message: 'token is older than maxAge' });
  });

  it('rejects a token without iat when maxAge is set', async () => {
    const token = jwt.sign({ sub: 'alice', exp: NOW + 60 }, secret, { algorithm: 'HS256', noTimestamp: true });
    expect(await rejection(token, { maxAgeSeconds: 60 })).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'iat is required because maxAge is set' });
  });

  it('rejects a token without a user id', async () => {
    expect(await rejection(sign({ role: 'admin', exp: NOW + 60 }))).toEqual({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'neither sub nor user_id contains a user id',
    });
  });

  it('checks iss when an issuer is configured', async () => {
    const options = { issuer: 'https://issuer.test' };
    expect((await verifier(options).verify(sign({ sub: 'a', exp: NOW + 60, iss: 'https://issuer.test' }))).userId).toBe('a');
    expect(await rejection(sign({ sub: 'a', exp: NOW + 60, iss: 'https://evil.test' }), options)).toEqual({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'iss does not match the expected issuer',
    });
    expect((await rejection(sign({ sub: 'a', exp: NOW + 60 }), options)).code).toBe('ERR_AUTH_TOKEN_INVALID');
  });

  it('checks aud when an audience is configured', async () => {
    const options = { audience: ['ws', 'api'] };
    expect((await verifier(options).verify(sign({ sub: 'a', exp: NOW + 60, aud: ['other', 'ws'] }))).userId).toBe('a');
    expect(await rejection(sign({ sub: 'a', exp: NOW + 60, aud: 'billing' }), options)).toEqual({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'aud does not match the expected audience',
    });
  });

  it('checks the typ header when configured', async () => {
    const options = { typ: 'at+jwt' };
    const good = sign({ sub: 'a', exp: NOW + 60 }, secret, { header: { alg: 'HS256', typ: 'AT+JWT' } });
    expect((await verifier(options).verify(good)).userId).toBe('a');
    expect(await rejection(sign({ sub: 'a', exp: NOW + 60 }), options)).toEqual({ code: 'ERR_AUTH_TOKEN_INVALID', message: 'typ header is not at+jwt' });
  });

  it('rejects a revoked jti', async () => {
    const revocations = new MemoryRevocationStore({ now });
    await revocations.revoke({ kind: 'token', tokenId: 'stolen', expiresAt: NOW + 60 });
    const token = sign({ sub: 'alice', exp: NOW + 60, jti: 'stolen' });
    expect(await rejection(token, { revocations })).toEqual({ code: 'ERR_AUTH_TOKEN_REVOKED', message: 'token revoked (token)' });
    expect((await verifier({ revocations }).verify(sign({ sub: 'alice', exp: NOW + 60, jti: 'other' }))).tokenId).toBe('other');
  });
});

describe('createTokenVerifier options', () => {
  const bad: Array<[string, Partial<TokenVerifierOptions>]> = [
    ['an empty allowlist', { algorithms: [] }],
    ['an unknown algorithm', { algorithms: ['none' as Algorithm] }],
    ['a negative tolerance', { clockToleranceSeconds: -5 }],
    ['a fractional tolerance', { clockToleranceSeconds: 1.5 }],
    ['a tolerance above 300', { clockToleranceSeconds: 301 }],
    ['an infinite tolerance', { clockToleranceSeconds: Number.POSITIVE_INFINITY }],
    ['a zero maxAge', { maxAgeSeconds: 0 }],
    ['an empty audience list', { audience: [] }],
  ];
  for (const [name, overrides] of bad) {
    it(`refuses ${name}`, () => {
      expect(() => verifier(overrides)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    });
  }
});
