import { describe, expect, it } from 'vitest';
import { bytes, duration } from './units.js';

describe('duration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
  ])('parses %j', (text, milliseconds) => {
    expect(duration().parse(text)).toBe(milliseconds);
  });

  it.each(['30', '1.5s', '-1s', '1w', 's', '1e3ms'])('rejects %j', (text) => {
    expect(duration().safeParse(text).success).toBe(false);
  });

  it('applies bounds in milliseconds', () => {
    expect(duration({ min: 1_000, max: 60_000 }).safeParse('999ms').success).toBe(false);
    expect(duration({ min: 1_000, max: 60_000 }).safeParse('2m').success).toBe(false);
    expect(duration({ min: 1_000, max: 60_000 }).parse('1m')).toBe(60_000);
  });
});

describe('bytes', () => {
  it.each([
    ['512', 512],
    ['512B', 512],
    ['64KiB', 65_536],
    ['1MiB', 1_048_576],
    ['1GiB', 1_073_741_824],
  ])('parses %j', (text, size) => {
    expect(bytes().parse(text)).toBe(size);
  });

  it.each(['64KB', '1.5MiB', '-1', 'KiB', '999999999999GiB'])('rejects %j', (text) => {
    expect(bytes().safeParse(text).success).toBe(false);
  });

  it('applies bounds in bytes', () => {
    expect(bytes({ max: 1_048_576 }).safeParse('2MiB').success).toBe(false);
    expect(bytes({ min: 1 }).safeParse('0').success).toBe(false);
  });
});
