import { describe, expect, it } from 'vitest';
import { boolean, list } from './text.js';
import { url } from './url.js';

describe('boolean', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('parses %j', (text, value) => {
    expect(boolean().parse(text)).toBe(value);
  });

  it.each(['yes', 'no', 'TRUE', 'on', '', ' true'])('rejects %j', (text) => {
    expect(boolean().safeParse(text).success).toBe(false);
  });
});

describe('list', () => {
  it('splits, trims and drops blank items', () => {
    expect(list().parse(' a, b ,,c, ')).toEqual(['a', 'b', 'c']);
  });

  it('checks each item and the item count', () => {
    const origins = list({ item: url(), maxItems: 2 });
    expect(origins.parse('https://a.example, https://b.example')).toEqual(['https://a.example/', 'https://b.example/']);
    expect(origins.safeParse('https://a.example,http://b.example').success).toBe(false);
    expect(origins.safeParse('https://a.example,https://b.example,https://c.example').success).toBe(false);
  });
});
