import { describe, expect, it } from 'vitest';
import { truncateText, untrusted } from './untrusted.js';

describe('untrusted', () => {
  it('keeps a short string as it is', () => {
    expect(untrusted('hello')).toBe('hello');
  });

  it('truncates a long string and states the original length', () => {
    expect(untrusted('x'.repeat(1_000), 10)).toBe(`${'x'.repeat(10)}…[1000 chars]`);
  });

  it('truncates a huge string without scanning all of it', () => {
    const result = untrusted('y'.repeat(5_000_000), 20);
    expect(result).toBe(`${'y'.repeat(20)}…[5000000 chars]`);
  });

  it('replaces a JWT before truncating so no prefix survives', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    const input = `auth ${token}`;
    expect(untrusted(input, 12)).toBe(`auth [jwt sh…[${input.length} chars]`);
    expect(untrusted(token)).not.toContain('eyJ');
  });

  it('replaces a partial JWT as well', () => {
    expect(untrusted('eyJhbGciOiJIUzI1NiJ9.eyJzdW')).toMatch(/^\[jwt sha256:[0-9a-f]{12}\]$/);
  });

  it('describes binary data by its size', () => {
    expect(untrusted(Buffer.from('secret bytes'))).toBe('<binary 12 bytes>');
  });

  it('encodes objects as JSON', () => {
    expect(untrusted({ a: 1 })).toBe('{"a":1}');
  });

  it('never throws on hostile values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const throwingGetter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('getter'); } });
    const hostileProxy = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    expect(untrusted(cyclic)).toBe('[unserializable object]');
    expect(untrusted(throwingGetter)).toBe('[unserializable object]');
    expect(untrusted(hostileProxy)).toBe('[unserializable object]');
    expect(untrusted(10n)).toBe('10');
    expect(untrusted(Symbol('s'))).toBe('<symbol>');
    expect(untrusted(undefined)).toBe('undefined');
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 3)).toBe('ab…[6 chars]');
  });
});
