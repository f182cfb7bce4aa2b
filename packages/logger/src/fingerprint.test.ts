import { describe, expect, it } from 'vitest';
import { fingerprintToken } from './fingerprint.js';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlZ21lbnQ';

describe('fingerprintToken', () => {
  it('returns sha256: and 12 hex characters', () => {
    expect(fingerprintToken(token)).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it('is stable for the same token', () => {
    expect(fingerprintToken(token)).toBe(fingerprintToken(token));
  });

  it('differs when one character of the token differs', () => {
    expect(fingerprintToken(token)).not.toBe(fingerprintToken(`${token.slice(0, -1)}X`));
  });

  it('contains no segment of the token', () => {
    const fingerprint = fingerprintToken(token);
    for (const segment of token.split('.')) expect(fingerprint).not.toContain(segment.slice(0, 6));
    expect(fingerprint).not.toContain('eyJ');
  });

  it('matches a known SHA-256 prefix', () => {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(fingerprintToken('abc')).toBe('sha256:ba7816bf8f01');
  });

  it('uses HMAC-SHA-256 when given a key', () => {
    const keyed = fingerprintToken(token, { key: 'k1' });
    expect(keyed).toMatch(/^hmac-sha256:[0-9a-f]{12}$/);
    expect(keyed).not.toBe(fingerprintToken(token, { key: 'k2' }));
    expect(keyed.slice(-12)).not.toBe(fingerprintToken(token).slice(-12));
  });
});
