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
    ['invalid JSON', '{"type":', 'ERR_AUTH_REQUIRED'],
    ['another message type', '{"type":"echo","text":"hi"}', 'ERR_AUTH_REQUIRED'],
    ['trailing text', '{"type":"auth"} trailing', 'ERR_AUTH_REQUIRED'],
    ['a missing token', '{"type":"auth"}', 'ERR_AUTH_TOKEN_MISSING'],
    ['a numeric token', '{"type":"auth","token":42}', 'ERR_AUTH_TOKEN_MISSING'],
  ];
  for (const [name, text, code] of rejected) {
    it(`rejects ${name}`, () => {
      expect(() => readFirstMessageCredential(text)).toThrow(expect.objectContaining({ code }));
    });
  }
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
