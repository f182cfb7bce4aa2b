import { describe, expect, it } from 'vitest';
import { integer, port } from './integer.js';

describe('integer', () => {
  const tolerance = integer({ min: 0, max: 300 });

  it('parses integers within bounds', () => {
    expect(tolerance.parse('0')).toBe(0);
    expect(tolerance.parse(' 300 ')).toBe(300);
  });

  it.each(['1e309', '-5', '301', 'abc', '1.5', '0x10', '', ' ', '12345678901234567', 'Infinity', 'NaN'])(
    'rejects %j for 0 to 300',
    (text) => {
      expect(tolerance.safeParse(text).success).toBe(false);
    },
  );

  it('bounds port to 0 to 65535', () => {
    expect(port().parse('65535')).toBe(65_535);
    expect(port().safeParse('65536').success).toBe(false);
    expect(port().safeParse('-1').success).toBe(false);
  });
});
