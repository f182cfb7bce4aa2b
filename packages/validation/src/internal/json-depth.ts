const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Measures the deepest nesting of objects and arrays in JSON text with one
 * pass and no recursion, skipping brackets inside strings. Stops as soon as
 * the depth passes `limit` and returns that depth, so hostile input costs at
 * most `limit + 1` brackets of work past its prefix. Malformed text yields
 * some number; JSON.parse reports the syntax error afterwards.
 */
export function measureJsonDepth(text: string, limit: number): number {
  const length = text.length;
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < length; index++) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      index = findClosingQuote(text, index);
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
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
