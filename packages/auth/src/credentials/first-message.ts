import { createError } from '@proj/errors';
import { defineProtocol, z } from '@proj/validation';

/** The protocol a connection speaks, chosen by its first message. */
export type MessageProtocol = 'text' | 'json';

/** The credential carried by a connection's first message. */
export interface FirstMessageCredential {
  /** `json` when the message starts with `{`, else `text`. */
  readonly protocol: MessageProtocol;
  /** The token, trimmed of surrounding whitespace on the text protocol. */
  readonly token: string;
}

// The only message accepted before authentication on the JSON protocol. Other
// fields are dropped, and the verifier checks the token's length.
const authProtocol = defineProtocol({ auth: z.object({ token: z.string().optional() }) });

/**
 * Reads the token from a connection's first message. A message whose first
 * non-blank character is `{` selects the JSON protocol and must be
 * `{"type":"auth","token":"…"}`, parsed with the hardened parser of
 * `@proj/validation` (size, depth, `__proto__` and `constructor.prototype`
 * keys, schema). Anything else is the text protocol, where the whole message
 * is the token. A JWT never starts with `{`, so the rule is unambiguous.
 *
 * @throws {ValidationError} `ERR_VALIDATION_INVALID_JSON`, `ERR_VALIDATION_TOO_DEEP`,
 * `ERR_VALIDATION_FORBIDDEN_KEY`, `ERR_PAYLOAD_TOO_LARGE` or `ERR_VALIDATION_SCHEMA`
 * for a JSON message that fails parsing, with client-safe details for
 * `toMessageErrorReply`. {@link AuthenticationError} `ERR_AUTH_REQUIRED` for a JSON
 * message of another type, and `ERR_AUTH_TOKEN_MISSING` for an auth message
 * without a token. Before authentication a server closes with 4401 for each.
 * @example
 * const { protocol, token } = readFirstMessageCredential('{"type":"auth","token":"eyJ..."}');
 */
export function readFirstMessageCredential(text: string): FirstMessageCredential {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return { protocol: 'text', token: trimmed };

  const parsed = authProtocol.safeParse(trimmed);
  if (!parsed.success) {
    if (parsed.error.code === 'ERR_VALIDATION_UNKNOWN_TYPE') {
      throw createError('ERR_AUTH_REQUIRED', 'first JSON message is not of type auth');
    }
    throw parsed.error;
  }
  const { token } = parsed.message;
  if (token === undefined || token.length === 0) throw createError('ERR_AUTH_TOKEN_MISSING', 'auth message has no token string');
  return { protocol: 'json', token };
}

/**
 * Tells which protocol a message belongs to by the first-message rule.
 *
 * @example
 * detectProtocol(' {"type":"whoami"}'); // 'json'
 */
export function detectProtocol(text: string): MessageProtocol {
  return text.trimStart().startsWith('{') ? 'json' : 'text';
}
