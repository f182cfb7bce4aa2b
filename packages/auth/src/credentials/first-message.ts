import { createError } from '@proj/errors';

/** The protocol a connection speaks, chosen by its first message. */
export type MessageProtocol = 'text' | 'json';

/** The credential carried by a connection's first message. */
export interface FirstMessageCredential {
  /** `json` when the message starts with `{`, else `text`. */
  readonly protocol: MessageProtocol;
  /** The token, trimmed of surrounding whitespace on the text protocol. */
  readonly token: string;
}

/**
 * Reads the token from a connection's first message. A message whose first
 * non-blank character is `{` selects the JSON protocol and must be
 * `{"type":"auth","token":"…"}`. Anything else is the text protocol, where the
 * whole message is the token. A JWT never starts with `{`, so the rule is
 * unambiguous.
 *
 * @throws {AuthenticationError} `ERR_AUTH_REQUIRED` when a message starting with
 * `{` is not valid JSON or not of type `auth`, and `ERR_AUTH_TOKEN_MISSING` when
 * its token is absent. Both close with 4401: before authentication only an
 * auth message is accepted.
 * @example
 * const { protocol, token } = readFirstMessageCredential('{"type":"auth","token":"eyJ..."}');
 */
export function readFirstMessageCredential(text: string): FirstMessageCredential {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return { protocol: 'text', token: trimmed };
  let message: unknown;
  try {
    message = JSON.parse(trimmed);
  } catch (err) {
    throw createError('ERR_AUTH_REQUIRED', 'first message starts with { but is not valid JSON', { cause: err });
  }
  const fields = typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : {};
  if (fields['type'] !== 'auth') throw createError('ERR_AUTH_REQUIRED', 'first JSON message is not of type auth');
  const token = fields['token'];
  if (typeof token !== 'string' || token.length === 0) throw createError('ERR_AUTH_TOKEN_MISSING', 'auth message has no token string');
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
