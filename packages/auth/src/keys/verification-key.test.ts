import { createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeySet } from './key-set.js';
import { readPublicKeyFile } from './public-key.js';
import { createVerificationKey } from './verification-key.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const configError = expect.objectContaining({ code: 'ERR_CONFIG_INVALID' });

describe('createVerificationKey', () => {
  it('refuses an RSA public key for HS256', () => {
    expect(() => createVerificationKey({ key: rsa.publicKey, algorithms: ['HS256'], kid: 'r' })).toThrow('key "r" is a rsa key and cannot verify HS256');
  });

  it('refuses a secret for RS256', () => {
    expect(() => createVerificationKey({ key: createSecretKey(randomBytes(32)), algorithms: ['RS256'] })).toThrow(
      'the default key is a secret key and cannot verify RS256',
    );
  });

  it('refuses an EC key for the algorithm of another curve', () => {
    expect(() => createVerificationKey({ key: ec384.publicKey, algorithms: ['ES256'] })).toThrow(configError);
    expect(createVerificationKey({ key: ec384.publicKey, algorithms: ['ES384'] }).algorithms).toEqual(['ES384']);
  });

  it('refuses a private key', () => {
    expect(() => createVerificationKey({ key: rsa.privateKey, algorithms: ['RS256'] })).toThrow(configError);
  });

  it('refuses a 32-byte secret for HS512', () => {
    expect(() => createVerificationKey({ key: createSecretKey(randomBytes(32)), algorithms: ['HS512'] })).toThrow(
      'the default key must be at least 64 bytes for HS512',
    );
  });
});

describe('readPublicKeyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auth-keys-'));

  it('reads an RSA public key PEM', () => {
    const path = join(dir, 'rsa.pem');
    writeFileSync(path, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    const key = readPublicKeyFile({ path, algorithms: ['RS256'], kid: 'rsa-1' });
    expect(key.kid).toBe('rsa-1');
    expect(key.key.asymmetricKeyType).toBe('rsa');
  });

  it('refuses a private key file', () => {
    const path = join(dir, 'private.pem');
    writeFileSync(path, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => readPublicKeyFile({ path, algorithms: ['RS256'] })).toThrow(`${path} is not a PEM public key`);
  });

  it('refuses a missing file', () => {
    expect(() => readPublicKeyFile({ path: join(dir, 'absent.pem'), algorithms: ['RS256'] })).toThrow(configError);
  });
});

describe('createKeySet', () => {
  const hmac = createVerificationKey({ key: createSecretKey(randomBytes(32)), algorithms: ['HS256'], kid: 'a' });

  it('refuses two keys with the same kid', () => {
    expect(() => createKeySet([hmac, hmac])).toThrow('two verification keys share kid "a"');
  });

  it('refuses an empty list', () => {
    expect(() => createKeySet([])).toThrow(configError);
  });

  it('rejects a token without kid when every key has one', () => {
    expect(() => createKeySet([hmac]).resolve({ alg: 'HS256' })).toThrow(expect.objectContaining({ code: 'ERR_AUTH_TOKEN_INVALID' }));
  });
});
