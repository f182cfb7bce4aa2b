/** RFC 6455 caps a control frame payload at 125 bytes, and a close frame spends 2 on its code. */
export const MAX_CLOSE_REASON_BYTES = 123;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Truncates text to at most `maxBytes` bytes of UTF-8 without splitting a
 * code point. Lone surrogates become U+FFFD (3 bytes), so the result is
 * always valid UTF-8. A `maxBytes` that is negative or NaN gives `''`.
 *
 * @example
 * truncateUtf8('ééé', 5); // 'éé'
 */
export function truncateUtf8(text: string, maxBytes: number = MAX_CLOSE_REASON_BYTES): string {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit, which also bounds an infinite maxBytes.
  const limit = Math.min(Math.floor(maxBytes), text.length * 3);
  if (!(limit > 0)) return '';
  const buffer = new Uint8Array(limit);
  // encodeInto stops before a code point that would not fit whole.
  const { written } = encoder.encodeInto(text, buffer);
  return decoder.decode(buffer.subarray(0, written));
}
