import { createError } from '@proj/errors';
import { type Algorithm, isAlgorithm } from '../algorithms.js';
import { parseTokenSegment } from './parse-segment.js';

/** The header fields the verifier reads before any crypto. */
export interface InspectedHeader {
  readonly alg: Algorithm;
  readonly kid?: string;
  readonly typ?: string;
}

// Three base64url segments; the signature may be empty here so that an
// unsigned token is named as such below rather than as malformed.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_HEADER_CHARS = 1_024;
const MAX_KID_CHARS = 256;

/**
 * Runs the cheap checks in order of cost: length, shape, header JSON, `alg`
 * against the allowlist, then payload JSON. Nothing here touches a key, and
 * no failure reason quotes the token.
 */
export function inspectToken(token: string, allowlist: readonly Algorithm[], maxTokenBytes: number): InspectedHeader {
  if (token.length === 0) throw createError('ERR_AUTH_TOKEN_MISSING', 'token is empty');
  if (token.length > maxTokenBytes) {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', `token is longer than ${maxTokenBytes} characters`);
  }
  if (!JWT_SHAPE.test(token)) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token is not three base64url segments');

  const encodedHeader = token.slice(0, token.indexOf('.'));
  if (encodedHeader.length > MAX_HEADER_CHARS) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token header is too long');
  const header = parseTokenSegment(encodedHeader, 'header');

  const alg: unknown = header['alg'];
  if (typeof alg !== 'string') throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token header has no alg');
  if (alg.toLowerCase() === 'none') {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', 'unsigned token rejected (alg none)');
  }
  if (!isAlgorithm(alg)) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'algorithm is not supported');
  if (!allowlist.includes(alg)) throw createError('ERR_AUTH_TOKEN_MALFORMED', `algorithm ${alg} is not allowed`);
  if (token.endsWith('.')) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token has no signature');
  // RFC 7515 section 4.1.11: a recipient must reject extensions it does not understand.
  if (header['crit'] !== undefined) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token header has crit, which is not supported');

  const kid: unknown = header['kid'];
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_CHARS)) {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token header kid is not a short string');
  }
  // jsonwebtoken parses the payload with plain JSON.parse, whose SyntaxError
  // quotes the payload, so only a payload that is a JSON object reaches it.
  parseTokenSegment(token.slice(token.indexOf('.') + 1, token.lastIndexOf('.')), 'payload');

  const typ: unknown = header['typ'];
  return {
    alg,
    ...(typeof kid === 'string' ? { kid } : {}),
    ...(typeof typ === 'string' ? { typ } : {}),
  };
}
