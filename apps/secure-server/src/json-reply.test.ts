import { describe, expect, it } from 'vitest';
import { echoReply } from './json-reply.js';

// Each request is JSON text as a client sends it. The reply must equal what
// JSON.stringify makes of the parsed text, whichever path builds it.
const requests = [
  '{"type":"echo","text":"plain ascii"}',
  '{"type":"echo","text":""}',
  '{"type":"echo","text":"héllo wörld, 日本語, 🙂"}',
  '{"type":"echo","text":"with id","requestId":"r-1"}',
  '{"type":"echo","text":"quote \\" and backslash \\\\"}',
  '{"type":"echo","text":"line\\nbreak\\ttab\\u0000nul"}',
  '{"type":"echo","text":"escaped \\u00e9 and \\ud83d\\ude42"}',
  '{"type":"echo","text":"lone \\ud800 surrogate"}',
  '{"type":"echo","text":"plain","requestId":"id \\"quoted\\""}',
  '{"type":"echo","text":"</script><script>","requestId":"<>&\'"}',
  `{"type":"echo","text":"${'x'.repeat(4096)}"}`,
];

describe('echoReply', () => {
  it.each(requests)('matches JSON.stringify for %s', (request) => {
    const { text, requestId } = JSON.parse(request) as { text: string; requestId?: string };
    const expected = JSON.stringify(requestId === undefined ? { type: 'echo', text } : { type: 'echo', text, requestId });

    expect(echoReply(text, requestId, !request.includes('\\'))).toBe(expected);
  });

  it('escapes control characters after a backslash', () => {
    expect(echoReply('a\nb', undefined, false)).toBe('{"type":"echo","text":"a\\nb"}');
  });

  it('escapes a lone surrogate', () => {
    // Text from a WebSocket frame is valid UTF-8 and cannot contain one, but the
    // function does not rely on its caller for that.
    const reply = echoReply('a\ud800b', undefined, true);

    expect(reply).toBe('{"type":"echo","text":"a\\ud800b"}');
    expect(JSON.parse(reply)).toEqual({ type: 'echo', text: 'a\ud800b' });
  });

  it('escapes a surrogate in requestId', () => {
    expect(echoReply('a', '\udc00', true)).toBe('{"type":"echo","text":"a","requestId":"\\udc00"}');
  });
});
