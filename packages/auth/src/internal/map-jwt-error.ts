import { type ProjError, createError, isProjError } from '@proj/errors';
import jwt from 'jsonwebtoken';

// jsonwebtoken 9 (verify.js) reports these messages; each becomes a short,
// stable reason for the log. Other messages pass through, truncated.
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

/** Maps what `jwt.verify` throws to a toolkit error whose message names the failed check. */
export function mapJwtError(err: unknown): ProjError {
  if (isProjError(err)) return err;
  if (err instanceof jwt.TokenExpiredError) {
    const reason = err.message === 'maxAge exceeded' ? 'token is older than maxAge' : 'token expired';
    return createError('ERR_AUTH_TOKEN_EXPIRED', reason, { cause: err });
  }
  if (err instanceof jwt.NotBeforeError) return createError('ERR_AUTH_TOKEN_INVALID', 'nbf is in the future', { cause: err });
  if (err instanceof Error) {
    const match = reasonByMessage.find(([prefix]) => err.message.startsWith(prefix));
    const reason = match?.[1] ?? `jsonwebtoken rejected the token: ${err.message.slice(0, 120)}`;
    return createError('ERR_AUTH_TOKEN_INVALID', reason, { cause: err });
  }
  return createError('ERR_AUTH_TOKEN_INVALID', 'token verification failed', { cause: err });
}
