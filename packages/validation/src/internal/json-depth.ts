const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Result of {@link scanJsonText}. */
export interface JsonTextScan {
  /** Deepest nesting of objects and arrays, or the first depth past the limit. */
  depth: number;
  /**
   * Whether a string of the text could be a `__proto__` or `constructor` key:
   * one spells it out, or the text has a backslash, which could escape one.
   */
  mayHaveForbiddenKey: boolean;
}

/**
 * Measures the deepest nesting of objects and arrays in JSON text with one
 * pass and no recursion, skipping brackets inside strings, and notes whether
 * any string could be a forbidden key. Stops as soon as the depth passes
 * `limit`, so hostile input costs at most `limit + 1` brackets of work past
 * its prefix. Malformed text yields some result; JSON.parse reports the
 * syntax error afterwards.
 */
export function scanJsonText(text: string, limit: number): JsonTextScan {
  const length = text.length;
  let depth = 0;
  let deepest = 0;
  let mayHaveForbiddenKey = text.includes('\\');
  for (let index = 0; index < length; index++) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      const end = findClosingQuote(text, index);
      if (!mayHaveForbiddenKey) mayHaveForbiddenKey = spellsForbiddenKey(text, index + 1, end);
      index = end;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return { depth: deepest, mayHaveForbiddenKey };
      }
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth--;
    }
  }
  return { depth: deepest, mayHaveForbiddenKey };
}

// The two key names secure-json-parse rejects, compared on the raw text
// between `start` and `end`, which contains no escape when this is called.
function spellsForbiddenKey(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 9) return text.startsWith('__proto__', start);
  if (length === 11) return text.startsWith('constructor', start);
  return false;
}

// Returns the index of the quote that ends the string opened at `start`, or
// the text length when the string never ends. A quote preceded by an odd
// number of backslashes is escaped. Each backslash run is counted once, so
// the scan stays linear.
function findClosingQuote(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
