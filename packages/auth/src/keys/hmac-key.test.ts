import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHmacKey } from './hmac-key.js';

describe('createHmacKey', () => {
  const weak: Array<['HS256' | 'HS384' | 'HS512', number]> = [
    ['HS256', 31],
    ['HS384', 47],
    ['HS512', 63],
  ];
  for (const [algorithm, length] of weak) {
    it(`rejects a ${length}-byte secret for ${algorithm}`, () => {
      const create = () => createHmacKey(randomBytes(length), { algorithm, name: 'JWT_SECRET' });
      expect(create).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
      expect(create).toThrow(`JWT_SECRET must be at least ${length + 1} bytes for ${algorithm}, got ${length}`);
    });
  }

  it('accepts a secret as long as the hash output', () => {
    expect(createHmacKey(randomBytes(64), { algorithm: 'HS512' }).symmetricKeySize).toBe(64);
    expect(createHmacKey('x'.repeat(32)).type).toBe('secret');
  });

  it('never puts the secret in the message', () => {
    expect(() => createHmacKey('short-secret-value', { name: 'JWT_SECRET' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('short-secret-value') }));
  });

  it('rejects a PEM public key as a secret', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => createHmacKey(pem, { name: 'JWT_SECRET' })).toThrow('JWT_SECRET is a PEM key, but an HMAC secret must be random bytes');
  });
});
