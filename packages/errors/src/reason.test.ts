import { describe, expect, it } from 'vitest';
import { MAX_CLOSE_REASON_BYTES, truncateUtf8 } from './reason.js';

const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).byteLength;

describe('truncateUtf8', () => {
  it('keeps text that fits', () => {
    expect(truncateUtf8('Server shutting down')).toBe('Server shutting down');
  });

  it('cuts ASCII at exactly 123 bytes by default', () => {
    const result = truncateUtf8('a'.repeat(200));
    expect(result).toBe('a'.repeat(MAX_CLOSE_REASON_BYTES));
  });

  // Each character is placed so that it straddles the 123-byte limit.
  it.each([
    ['2-byte é', 'é', 2],
    ['3-byte €', '€', 3],
    ['4-byte 😀', '😀', 4],
  ])('never splits a %s at the boundary', (_label, character, size) => {
    for (let offset = 1; offset < size; offset++) {
      const text = 'a'.repeat(MAX_CLOSE_REASON_BYTES - offset) + character + 'tail';
      const result = truncateUtf8(text);
      expect(result).toBe('a'.repeat(MAX_CLOSE_REASON_BYTES - offset));
      expect(byteLength(result)).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    }
  });

  it.each([
    ['2-byte é', 'é'],
    ['3-byte €', '€'],
    ['4-byte 😀', '😀'],
  ])('keeps a %s that ends exactly on the limit', (_label, character) => {
    const text = 'a'.repeat(MAX_CLOSE_REASON_BYTES - byteLength(character)) + character + 'tail';
    expect(truncateUtf8(text)).toBe('a'.repeat(MAX_CLOSE_REASON_BYTES - byteLength(character)) + character);
  });

  it('fills the limit with whole characters only', () => {
    const result = truncateUtf8('😀'.repeat(40));
    expect(result).toBe('😀'.repeat(30));
    expect(byteLength(result)).toBe(120);
  });

  it('replaces a lone high surrogate with U+FFFD', () => {
    expect(truncateUtf8('ab\uD83Dcd')).toBe('ab\uFFFDcd');
  });

  it('replaces a lone low surrogate with U+FFFD', () => {
    expect(truncateUtf8('\uDE00x')).toBe('\uFFFDx');
  });

  it('drops a replaced lone surrogate that would not fit', () => {
    const text = 'a'.repeat(MAX_CLOSE_REASON_BYTES - 2) + '\uD83D';
    expect(truncateUtf8(text)).toBe('a'.repeat(MAX_CLOSE_REASON_BYTES - 2));
  });

  it('returns valid UTF-8 for a surrogate pair split by the caller', () => {
    const result = truncateUtf8('😀'.slice(0, 1).repeat(50));
    expect(result).toBe('\uFFFD'.repeat(41));
    expect(result).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it.each([
    [0, ''],
    [-5, ''],
    [Number.NaN, ''],
    [2.9, 'ab'],
    [Number.POSITIVE_INFINITY, 'abcdef'],
  ])('treats a limit of %s sanely', (limit, expected) => {
    expect(truncateUtf8('abcdef', limit)).toBe(expected);
  });

  it('returns an empty string unchanged', () => {
    expect(truncateUtf8('')).toBe('');
  });
});
