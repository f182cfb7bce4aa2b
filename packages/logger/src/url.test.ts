import { describe, expect, it } from 'vitest';
import { stripQuery } from './url.js';

describe('stripQuery', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a query string', '/ws?token=eyJabc.def.ghi&x=1', '/ws'],
    ['a fragment', '/ws#token=abc', '/ws'],
    ['a bare query', '?token=abc', ''],
    ['a path without query', '/chat/room-1', '/chat/room-1'],
    ['an absolute URL with credentials', 'http://user:pass@example.com/ws?token=abc', '/ws'],
    ['an absolute URL without path', 'ws://example.com?token=abc', '/'],
    ['a missing URL', undefined, ''],
    ['a non-string URL', 42, ''],
  ];
  for (const [name, input, expected] of cases) {
    it(`strips ${name}`, () => {
      expect(stripQuery(input)).toBe(expected);
    });
  }

  it('truncates a very long path', () => {
    const stripped = stripQuery(`/${'a'.repeat(5_000)}?token=abc`);
    expect(stripped.startsWith(`/${'a'.repeat(255)}…`)).toBe(true);
    expect(stripped).toContain('[5001 chars]');
  });
});
