import { describe, expect, it } from 'vitest';
import { detectProtocol, readFirstMessageCredential } from './first-message.js';
import { selectSubprotocol } from './subprotocol.js';

describe('readFirstMessageCredential', () => {
  it('reads a raw token on the text protocol', () => {
    expect(readFirstMessageCredential('  aaa.bbb.ccc\n')).toEqual({ protocol: 'text', token: 'aaa.bbb.ccc' });
  });

  it('reads an auth message on the JSON protocol', () => {
    expect(readFirstMessageCredential('{"type":"auth","token":"aaa.bbb.ccc"}')).toEqual({ protocol: 'json', token: 'aaa.bbb.ccc' });
  });

  const rejected: Array<[string, string, string]> = [
    ['invalid JSON', '{"type":', 'ERR_VALIDATION_INVALID_JSON'],
    ['trailing text', '{"type":"auth"} trailing', 'ERR_VALIDATION_INVALID_JSON'],
    ['a __proto__ key', '{"type":"auth","token":"x","__proto__":{"isAdmin":true}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['a constructor.prototype key', '{"type":"auth","token":"x","constructor":{"prototype":{"isAdmin":true}}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['deep nesting', `{"type":"auth","token":"x","a":${'['.repeat(100)}${']'.repeat(100)}}`, 'ERR_VALIDATION_TOO_DEEP'],
    ['a type that is not a string', '{"type":5,"token":"x"}', 'ERR_VALIDATION_SCHEMA'],
    ['a numeric token', '{"type":"auth","token":42}', 'ERR_VALIDATION_SCHEMA'],
    ['another message type', '{"type":"echo","text":"hi"}', 'ERR_AUTH_REQUIRED'],
    ['__proto__ as the type', '{"type":"__proto__","token":"x"}', 'ERR_AUTH_REQUIRED'],
    ['toString as the type', '{"type":"toString","token":"x"}', 'ERR_AUTH_REQUIRED'],
    ['a missing token', '{"type":"auth"}', 'ERR_AUTH_TOKEN_MISSING'],
    ['an empty token', '{"type":"auth","token":""}', 'ERR_AUTH_TOKEN_MISSING'],
  ];
  for (const [name, text, code] of rejected) {
    it(`rejects ${name}`, () => {
      expect(() => readFirstMessageCredential(text)).toThrow(expect.objectContaining({ code }));
    });
  }

  it('rejects invalid JSON without quoting it', () => {
    const marker = 'qzxwvtsrp';
    let caught: unknown;
    try {
      readFirstMessageCredential(`{${marker}`);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'ERR_VALIDATION_INVALID_JSON' });
    expect((caught as Error).cause).toBeUndefined();
    expect((caught as Error).message).not.toContain(marker);
  });
});

describe('detectProtocol', () => {
  it('selects JSON by a leading brace', () => {
    expect(detectProtocol('  {"type":"whoami"}')).toBe('json');
    expect(detectProtocol('eyJhbGciOi')).toBe('text');
  });
});

describe('selectSubprotocol', () => {
  it('never selects the token entry', () => {
    expect(selectSubprotocol(['proj.token.aaa.bbb.ccc', 'proj.v1'])).toBe('proj.v1');
    expect(selectSubprotocol(['proj.token.aaa.bbb.ccc'])).toBeUndefined();
    expect(selectSubprotocol(['proj.token.x'], ['proj.token.x'])).toBeUndefined();
  });
});
