import { type ProjError, createError, isProjError } from '@proj/errors';
import jwt from 'jsonwebtoken';

// jsonwebtoken 9 (verify.js) reports these messages, and each becomes a fixed
// reason for the log. No reason quotes the original message, and no mapped
// error keeps it as `cause`, because servers log the cause chain. A message
// from jsonwebtoken or V8 can quote token content, as a JSON SyntaxError does.
const reasonByMessage: ReadonlyArray<readonly [string, string]> = [
  ['invalid signature', 'signature does not match'],
  ['jwt audience invalid', 'aud does not match the expected audience'],
  ['jwt issuer invalid', 'iss does not match the expected issuer'],
  ['invalid nbf value', 'nbf is not a number'],
  ['invalid exp value', 'exp is not a number'],
  ['iat required when maxAge is specified', 'iat is required because maxAge is set'],
  ['secretOrPublicKey must be', 'key type does not match the algorithm'],
  ['invalid token', 'token is not decodable'],
  ['jwt malformed', 'token is not decodable'],
];

// Names of built-in error classes, which may appear in a reason because they never carry input.
const BUILT_IN_ERROR_NAMES: ReadonlySet<string> = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError']);

/** Maps what `jwt.verify` throws to a toolkit error whose message is a fixed description of the failed check. */
export function mapJwtError(err: unknown): ProjError {
  if (isProjError(err)) return err;
  if (err instanceof jwt.TokenExpiredError) {
    return createError('ERR_AUTH_TOKEN_EXPIRED', err.message === 'maxAge exceeded' ? 'token is older than maxAge' : 'token expired');
  }
  if (err instanceof jwt.NotBeforeError) return createError('ERR_AUTH_TOKEN_INVALID', 'nbf is in the future');
  if (err instanceof jwt.JsonWebTokenError) {
    const match = reasonByMessage.find(([prefix]) => err.message.startsWith(prefix));
    return createError('ERR_AUTH_TOKEN_INVALID', match?.[1] ?? 'jsonwebtoken rejected the token for an unlisted reason');
  }
  if (err instanceof SyntaxError) return createError('ERR_AUTH_TOKEN_MALFORMED', 'token payload is not JSON');
  const name = err instanceof Error && BUILT_IN_ERROR_NAMES.has(err.name) ? err.name : 'an unexpected error';
  return createError('ERR_AUTH_TOKEN_INVALID', `jsonwebtoken failed with ${name}`);
}
