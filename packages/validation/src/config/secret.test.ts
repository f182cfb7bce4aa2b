import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret, secret } from './secret.js';

describe('secret', () => {
  const value = 'sk_live_MARKER_5ecret_value_that_is_long_enough_000';

  it('wraps a long enough secret', () => {
    const parsed = secret({ minBytes: 32 }).parse(value);
    expect(parsed).toBeInstanceOf(Secret);
    expect(parsed.reveal()).toBe(value);
    expect(parsed.byteLength).toBe(value.length);
  });

  it('never prints the value', () => {
    const parsed = secret().parse(value);
    const printed = [String(parsed), `${parsed}`, JSON.stringify({ parsed }), inspect(parsed), inspect({ parsed }, { depth: 5 })];
    for (const text of printed) {
      expect(text).not.toContain('MARKER');
      expect(text).toContain('[redacted]');
    }
  });

  it('rejects a secret shorter than minBytes, counted in UTF-8', () => {
    expect(secret({ minBytes: 4 }).safeParse('abc').success).toBe(false);
    expect(secret({ minBytes: 4 }).safeParse('éé').success).toBe(true);
    expect(secret().safeParse('x'.repeat(31)).success).toBe(false);
  });
});
