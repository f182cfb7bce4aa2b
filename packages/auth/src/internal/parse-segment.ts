import { createError, isProjError } from '@proj/errors';
import { parseJsonMessage } from '@proj/validation';

/** The JSON parts of a JWT that the verifier reads before any crypto. */
export type TokenSegment = 'header' | 'payload';

/**
 * Decodes one base64url segment of a token and parses it as a JSON object
 * with the hardened parser of `@proj/validation`, which rejects
 * `__proto__` and `constructor.prototype` keys and deep nesting.
 *
 * @throws {AuthenticationError} `ERR_AUTH_TOKEN_MALFORMED` with a fixed reason.
 * The reason never quotes the segment, and the error has no cause, because
 * V8's JSON SyntaxError quotes the text it failed on.
 */
export function parseTokenSegment(encoded: string, segment: TokenSegment): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseJsonMessage(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch (err) {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', `token ${segment} ${describeParseFailure(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', `token ${segment} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function describeParseFailure(err: unknown): string {
  if (!isProjError(err)) return 'is not JSON';
  switch (err.code) {
    case 'ERR_VALIDATION_TOO_DEEP':
      return 'is nested too deeply';
    case 'ERR_VALIDATION_FORBIDDEN_KEY':
      return 'contains a __proto__ or constructor.prototype key';
    default:
      return 'is not JSON';
  }
}
