import { reject } from './reject.js';
import secureJson from 'secure-json-parse';
import { scanJsonText } from './json-depth.js';

// `safe: true` makes secure-json-parse return null instead of throwing when it
// finds a forbidden key, so a forbidden key and malformed JSON stay apart
// without matching on error messages.
const parseOptions = { protoAction: 'error', constructorAction: 'error', safe: true } as const;

/**
 * Parses JSON text after a depth check on the raw text, rejecting
 * `__proto__` keys and `constructor` objects with a `prototype` key anywhere.
 * Text in which the scan finds no string that could be such a key goes to
 * plain `JSON.parse`. Any other text goes to secure-json-parse, which decides
 * with its own checks, so the rule for suspicious text stays the library's.
 *
 * @throws `ERR_VALIDATION_TOO_DEEP`, `ERR_VALIDATION_INVALID_JSON`, `ERR_VALIDATION_FORBIDDEN_KEY`
 */
export function parseJsonText(text: string, maxDepth: number): unknown {
  const { depth, mayHaveForbiddenKey } = scanJsonText(text, maxDepth);
  if (depth > maxDepth) {
    throw reject('ERR_VALIDATION_TOO_DEEP', `message nesting is deeper than ${maxDepth}`);
  }
  let value: unknown;
  try {
    value = mayHaveForbiddenKey ? secureJson.parse(text, null, parseOptions) : JSON.parse(text);
  } catch {
    // The SyntaxError is dropped on purpose: V8 quotes part of the input in
    // its message, and a cause may reach the server log.
    throw reject('ERR_VALIDATION_INVALID_JSON', 'message is not valid JSON');
  }
  // Only text with an object or array at the top can hide a forbidden key,
  // and such text never parses to null.
  if (value === null && depth > 0) {
    throw reject('ERR_VALIDATION_FORBIDDEN_KEY', 'message contains a __proto__ key or a constructor.prototype key');
  }
  return value;
}
