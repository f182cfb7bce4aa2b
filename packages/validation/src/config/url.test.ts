import { describe, expect, it } from 'vitest';
import { url } from './url.js';

describe('url', () => {
  it('accepts https by default and normalizes', () => {
    expect(url().parse('https://Example.com')).toBe('https://example.com/');
  });

  it('rejects other protocols and relative or broken URLs', () => {
    for (const text of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', '/relative', 'https//x', '']) {
      expect(url().safeParse(text).success, text).toBe(false);
    }
  });

  it('accepts the protocols it is given', () => {
    const upstream = url({ protocols: ['ws:', 'wss:'] });
    expect(upstream.parse('ws://127.0.0.1:8765')).toBe('ws://127.0.0.1:8765/');
    expect(upstream.safeParse('https://example.com').success).toBe(false);
  });
});
