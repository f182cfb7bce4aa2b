import { createError } from '@proj/errors';
import type jwt from 'jsonwebtoken';

const MAX_USER_ID_CHARS = 256;
const MAX_TOKEN_ID_CHARS = 256;

/** Claims the toolkit reads after the signature and time checks pass. */
export interface CheckedClaims {
  readonly userId: string;
  readonly expiresAt: number;
  readonly issuedAt?: number;
  readonly tokenId?: string;
}

/**
 * Checks what jsonwebtoken leaves optional: `exp` is required, `iat` must not
 * lie in the future, and a user id must come from `sub` or `user_id`.
 */
export function readClaims(payload: jwt.JwtPayload, nowSeconds: number, toleranceSeconds: number): CheckedClaims {
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) {
    throw createError('ERR_AUTH_TOKEN_INVALID', 'exp is required');
  }
  const iat: unknown = payload.iat;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) {
    throw createError('ERR_AUTH_TOKEN_INVALID', 'iat is not a number');
  }
  if (typeof iat === 'number' && iat > nowSeconds + toleranceSeconds) {
    throw createError('ERR_AUTH_TOKEN_INVALID', 'iat is in the future');
  }
  const userId = readUserId(payload);
  const jti: unknown = payload.jti;
  if (jti !== undefined && (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_TOKEN_ID_CHARS)) {
    throw createError('ERR_AUTH_TOKEN_INVALID', 'jti is not a short string');
  }
  return {
    userId,
    expiresAt: payload.exp,
    ...(typeof iat === 'number' ? { issuedAt: iat } : {}),
    ...(typeof jti === 'string' ? { tokenId: jti } : {}),
  };
}

// `sub` wins; `user_id` is accepted because tokens minted as {"user_id": 42} must work.
function readUserId(payload: jwt.JwtPayload): string {
  const candidate: unknown = payload.sub ?? payload['user_id'];
  if (typeof candidate === 'number' && Number.isSafeInteger(candidate)) return String(candidate);
  if (typeof candidate === 'string' && candidate.length > 0 && candidate.length <= MAX_USER_ID_CHARS) return candidate;
  throw createError('ERR_AUTH_TOKEN_INVALID', 'neither sub nor user_id contains a user id');
}
