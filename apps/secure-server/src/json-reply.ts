/**
 * Serializes the reply to an `echo` message.
 *
 * A string parsed from JSON text with no backslash contains no quote, no
 * backslash and no control character, because JSON allows those in a string
 * only as escapes. Such a string, when it is also well-formed UTF-16, is its
 * own JSON string literal between two quotes. `escapeFree` is true when the
 * request text had no backslash. The reply then skips `JSON.stringify`, which
 * on Node.js 20 walks every character (about 6 µs for a 4 KiB text in the
 * micro-benchmarks of `BENCHMARKS.md`). Any other text goes through `JSON.stringify`.
 * The parts are joined rather than concatenated, so the reply is one flat
 * string: Buffer.byteLength, which send and then ws call on it, is much
 * slower on the rope that `+` or a template literal builds (the `send`
 * micro-benchmarks in `BENCHMARKS.md`).
 */
export function echoReply(text: string, requestId: string | undefined, escapeFree: boolean): string {
  if (!escapeFree || !text.isWellFormed() || (requestId !== undefined && !requestId.isWellFormed())) {
    return JSON.stringify(requestId === undefined ? { type: 'echo', text } : { type: 'echo', text, requestId });
  }
  const id = requestId === undefined ? '' : `,"requestId":"${requestId}"`;
  return ['{"type":"echo","text":"', text, '"', id, '}'].join('');
}
