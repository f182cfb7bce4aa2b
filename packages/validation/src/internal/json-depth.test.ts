import { describe, expect, it } from 'vitest';
import { scanJsonText } from './json-depth.js';

describe('scanJsonText', () => {
  it('measures nesting outside strings', () => {
    expect(scanJsonText('{"a":[{"b":"[[{{"}]}', 10).depth).toBe(3);
  });

  it('clears text without suspicious strings', () => {
    expect(scanJsonText('{"type":"echo","text":"prototype"}', 10).mayHaveForbiddenKey).toBe(false);
  });

  it('flags a spelled-out __proto__', () => {
    expect(scanJsonText('{"a":{"__proto__":{}}}', 10).mayHaveForbiddenKey).toBe(true);
  });

  it('flags a spelled-out constructor', () => {
    expect(scanJsonText('{"constructor":{"prototype":{}}}', 10).mayHaveForbiddenKey).toBe(true);
  });

  it('flags any backslash', () => {
    expect(scanJsonText('{"\\u005f_proto__":{}}', 10).mayHaveForbiddenKey).toBe(true);
  });
});
