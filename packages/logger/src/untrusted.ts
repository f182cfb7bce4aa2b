import { scrubJwts } from './internal/scrub-jwt.js';

/** Default length limit of {@link untrusted}, in characters. */
export const DEFAULT_UNTRUSTED_CHARS = 200;

// Characters scanned past the limit, so a JWT that starts before the cut is
// still recognised and replaced as a whole. Tokens longer than this are
// matched in part, which still removes them.
const SCAN_MARGIN_CHARS = 8_192;

/**
 * Cuts `text` to at most `maxChars` UTF-16 code units followed by a
 * `…[N chars]` marker with the original length, never splitting a surrogate pair.
 *
 * @example
 * truncateText('abcdef', 3); // 'abc…[6 chars]'
 */
export function truncateText(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : withMarker(text, maxChars, text.length);
}

/**
 * Turns a client-supplied value into a bounded string for the log: strings
 * are truncated, binary data becomes its size, other values are JSON-encoded
 * and truncated. JWT-shaped substrings are replaced by a fingerprint first.
 * Never throws. Log the result under a key you own, never spread at top level.
 *
 * @example
 * log.info({ code, input: untrusted(text, 100) }, 'invalid message');
 */
export function untrusted(value: unknown, maxChars: number = DEFAULT_UNTRUSTED_CHARS): string {
  const text = describe(value);
  const limit = Math.max(0, Math.floor(maxChars));
  const scanned = text.length > limit + SCAN_MARGIN_CHARS ? text.slice(0, limit + SCAN_MARGIN_CHARS) : text;
  const scrubbed = scrubJwts(scanned);
  if (scanned === text && scrubbed.length <= limit) return scrubbed;
  return withMarker(scrubbed, limit, text.length);
}

function withMarker(text: string, maxChars: number, originalLength: number): string {
  let end = Math.max(0, Math.floor(maxChars));
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…[${originalLength} chars]`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function' || typeof value === 'symbol') return `<${typeof value}>`;
  if (value === null || typeof value !== 'object') return String(value);
  try {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `<binary ${value.byteLength} bytes>`;
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    // Cycles, BigInt values, throwing getters or toJSON methods and proxies
    // whose traps throw all end here.
    return '[unserializable object]';
  }
}
