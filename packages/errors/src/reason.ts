/** RFC 6455 caps a control frame payload at 125 bytes, and a close frame spends 2 on its code. */
export const MAX_CLOSE_REASON_BYTES = 123;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Truncates text to at most `maxBytes` bytes of UTF-8 without splitting a
 * character. Lone surrogates become U+FFFD so the result is always valid UTF-8.
 *
 * @example
 * truncateUtf8('ééé', 5); // 'éé'
 */
export function truncateUtf8(text: string, maxBytes: number = MAX_CLOSE_REASON_BYTES): string {
  const buffer = new Uint8Array(Math.max(0, Math.floor(maxBytes)));
  // encodeInto stops before a character that would not fit whole.
  const { written } = encoder.encodeInto(text, buffer);
  return decoder.decode(buffer.subarray(0, written));
}
