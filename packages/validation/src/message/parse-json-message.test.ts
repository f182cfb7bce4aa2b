import { isProjError } from '@proj/errors';
import { describe, expect, it } from 'vitest';
import { parseJsonMessage } from './parse-json-message.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isProjError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a toolkit error, but nothing was thrown');
}

describe('parseJsonMessage', () => {
  it('parses a small object', () => {
    expect(parseJsonMessage('{"type":"echo","text":"hi"}')).toEqual({ type: 'echo', text: 'hi' });
  });

  it('accepts a Buffer, an ArrayBuffer and fragments', () => {
    const bytes = Buffer.from('{"a":"é"}');
    expect(parseJsonMessage(bytes)).toEqual({ a: 'é' });
    expect(parseJsonMessage(new Uint8Array(bytes).buffer)).toEqual({ a: 'é' });
    expect(parseJsonMessage([bytes.subarray(0, 5), bytes.subarray(5)])).toEqual({ a: 'é' });
  });

  it('rejects a binary frame before looking at it', () => {
    expect(codeOf(() => parseJsonMessage(Buffer.from('{"type":"echo"}'), { isBinary: true }))).toBe(
      'ERR_VALIDATION_BINARY_UNSUPPORTED',
    );
    expect(codeOf(() => parseJsonMessage('{}', { isBinary: true }))).toBe('ERR_VALIDATION_BINARY_UNSUPPORTED');
  });

  it('rejects a message over maxBytes counted in UTF-8', () => {
    expect(codeOf(() => parseJsonMessage('"é"', { maxBytes: 3 }))).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(parseJsonMessage('"é"', { maxBytes: 4 })).toBe('é');
    expect(codeOf(() => parseJsonMessage(Buffer.alloc(11, 0x20), { maxBytes: 10 }))).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(codeOf(() => parseJsonMessage([Buffer.alloc(6), Buffer.alloc(5)], { maxBytes: 10 }))).toBe(
      'ERR_PAYLOAD_TOO_LARGE',
    );
  });

  it('rejects an object padded with 5 MB of spaces as too large', () => {
    const padded = `{"type":"echo"}${' '.repeat(5_000_000)}`;
    expect(codeOf(() => parseJsonMessage(padded))).toBe('ERR_PAYLOAD_TOO_LARGE');
  });

  it('accepts an object padded to exactly maxBytes', () => {
    const body = '{"type":"echo"}';
    const padded = body + ' '.repeat(65_536 - body.length);
    expect(parseJsonMessage(padded)).toEqual({ type: 'echo' });
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(codeOf(() => parseJsonMessage(Buffer.from([0x22, 0xff, 0x22])))).toBe('ERR_VALIDATION_INVALID_UTF8');
  });

  it.each([']', '{"type":', '{"a":1,}', "{'a':1}", '', 'undefined', 'NaN'])('rejects %j as invalid JSON', (text) => {
    expect(codeOf(() => parseJsonMessage(text))).toBe('ERR_VALIDATION_INVALID_JSON');
  });

  it.each([
    ['null', null],
    ['123', 123],
    ['"x"', 'x'],
    ['[]', []],
  ])('parses the JSON value %s', (text, value) => {
    expect(parseJsonMessage(text)).toEqual(value);
  });

  it('keeps the invalid text out of the error', () => {
    const marker = 'MARKER_INVALID_JSON_7f3a';
    try {
      parseJsonMessage(`{"a": ${marker}}`);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(marker);
      expect((error as Error).cause).toBeUndefined();
    }
  });

  describe('nesting depth', () => {
    it('accepts nesting up to maxDepth', () => {
      expect(parseJsonMessage('[[[1]]]', { maxDepth: 3 })).toEqual([[[1]]]);
      expect(parseJsonMessage('{"a":{"b":[]}}', { maxDepth: 3 })).toEqual({ a: { b: [] } });
    });

    it('rejects nesting one level past maxDepth', () => {
      expect(codeOf(() => parseJsonMessage('[[[[1]]]]', { maxDepth: 3 }))).toBe('ERR_VALIDATION_TOO_DEEP');
      expect(codeOf(() => parseJsonMessage('{"a":{"b":[{}]}}', { maxDepth: 3 }))).toBe('ERR_VALIDATION_TOO_DEEP');
    });

    it('ignores brackets inside strings, including after escaped quotes', () => {
      expect(parseJsonMessage('["[[[[", "\\"{{{{", "\\\\"]', { maxDepth: 1 })).toEqual(['[[[[', '"{{{{', '\\']);
      expect(codeOf(() => parseJsonMessage('["\\\\", [[1]]]', { maxDepth: 2 }))).toBe('ERR_VALIDATION_TOO_DEEP');
    });

    it('rejects 10,000-deep arrays and objects with the default limit', () => {
      expect(codeOf(() => parseJsonMessage('['.repeat(10_000) + ']'.repeat(10_000)))).toBe('ERR_VALIDATION_TOO_DEEP');
      const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      expect(codeOf(() => parseJsonMessage(deepObject))).toBe('ERR_VALIDATION_TOO_DEEP');
    });

    it('rejects 1,000,000-deep nesting without overflowing the stack', () => {
      const open = '['.repeat(1_000_000);
      expect(codeOf(() => parseJsonMessage(open + ']'.repeat(1_000_000), { maxBytes: 4_000_000 }))).toBe(
        'ERR_VALIDATION_TOO_DEEP',
      );
      expect(codeOf(() => parseJsonMessage(open, { maxBytes: 4_000_000 }))).toBe('ERR_VALIDATION_TOO_DEEP');
    });
  });

  describe('forbidden keys', () => {
    it.each([
      ['a top-level __proto__', '{"__proto__":{"isAdmin":true}}'],
      ['__proto__ inside a record', '{"type":"update","fields":{"__proto__":{"isAdmin":true}}}'],
      ['__proto__ deep in an array', '{"a":[{"b":[{"__proto__":{}}]}]}'],
      ['__proto__ spelled with escapes', '{"\\u005f_proto__":{"isAdmin":true}}'],
      ['constructor.prototype', '{"type":"update","constructor":{"prototype":{"isAdmin":true}}}'],
      ['a nested constructor.prototype', '{"a":{"constructor":{"prototype":{"isAdmin":true}}}}'],
    ])('rejects %s', (_name, text) => {
      expect(codeOf(() => parseJsonMessage(text))).toBe('ERR_VALIDATION_FORBIDDEN_KEY');
    });

    it('leaves Object.prototype unchanged after polluted input', () => {
      for (const text of ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}']) {
        expect(() => parseJsonMessage(text)).toThrow();
      }
      expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('isAdmin');
    });

    it('accepts keys named after Object.prototype members that cannot pollute', () => {
      const value = parseJsonMessage('{"toString":1,"hasOwnProperty":2,"valueOf":3,"constructor":"x","prototype":4}');
      expect(value).toEqual({ toString: 1, hasOwnProperty: 2, valueOf: 3, constructor: 'x', prototype: 4 });
    });
  });

  it('rejects limits that would disable a check', () => {
    expect(() => parseJsonMessage('{}', { maxBytes: 0 })).toThrow(TypeError);
    expect(() => parseJsonMessage('{}', { maxDepth: Number.NaN })).toThrow(TypeError);
  });
});
