import type { KeyObject } from 'node:crypto';
import { createError, type ProjError } from '@proj/errors';
import jwt from 'jsonwebtoken';

/** Longest token accepted before any parsing or crypto. */
export const MAX_TOKEN_BYTES = 4_096;

/** Options for {@link verifyToken}. */
export interface VerifyOptions {
  /** HMAC key made by `createHmacKey`. */
  key: KeyObject;
  /** Seconds of clock skew accepted on `exp`, `nbf` and `iat`; 0 by default. */
  clockToleranceSeconds?: number;
  /** Current time in seconds since the epoch; tests freeze it. */
  now?: () => number;
}

/** The outcome of a successful verification. */
export interface VerifiedToken {
  /** From `sub`, or from `user_id` when `sub` is absent. */
  readonly userId: string;
  /** Expiry in seconds since the epoch. */
  readonly expiresAt: number;
  /** Every claim of the payload. */
  readonly claims: Readonly<Record<string, unknown>>;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies an HS256 JWT: length and shape checks first, then the signature
 * with an explicit algorithm allowlist, then the claims.
 *
 * @throws {AuthenticationError} `ERR_AUTH_TOKEN_MISSING`, `ERR_AUTH_TOKEN_MALFORMED`,
 * `ERR_AUTH_TOKEN_EXPIRED` or `ERR_AUTH_TOKEN_INVALID`. The message names the
 * failed check for the log; clients only see the code's public message.
 * @example
 * const { userId } = verifyToken(token, { key });
 */
export function verifyToken(token: string, options: VerifyOptions): VerifiedToken {
  if (token.length === 0) throw createError('ERR_AUTH_TOKEN_MISSING', 'empty token');
  if (token.length > MAX_TOKEN_BYTES) {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', `token longer than ${MAX_TOKEN_BYTES} characters`);
  }
  if (!JWT_SHAPE.test(token)) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'token is not three base64url segments');
  const header = readHeader(token);
  if (header?.alg !== 'HS256') {
    throw createError('ERR_AUTH_TOKEN_MALFORMED', `algorithm ${describeAlg(header?.alg)} is not allowed`);
  }
  const clockTimestamp = options.now?.();
  let payload: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, options.key, {
      algorithms: ['HS256'],
      clockTolerance: options.clockToleranceSeconds ?? 0,
      ...(clockTimestamp === undefined ? {} : { clockTimestamp }),
    });
    if (typeof verified === 'string') throw createError('ERR_AUTH_TOKEN_INVALID', 'payload is not a JSON object');
    payload = verified;
  } catch (err) {
    throw mapJwtError(err);
  }
  if (typeof payload.exp !== 'number') throw createError('ERR_AUTH_TOKEN_INVALID', 'exp claim is required');
  const userId = readUserId(payload);
  if (userId === undefined) throw createError('ERR_AUTH_TOKEN_INVALID', 'neither sub nor user_id is a non-empty string');
  return { userId, expiresAt: payload.exp, claims: payload };
}

function readHeader(token: string): { alg?: unknown } | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof decoded === 'object' && decoded !== null ? (decoded as { alg?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

function describeAlg(alg: unknown): string {
  return typeof alg === 'string' ? JSON.stringify(alg.slice(0, 16)) : 'missing';
}

function readUserId(payload: jwt.JwtPayload): string | undefined {
  const candidate: unknown = payload.sub ?? payload['user_id'];
  if (typeof candidate === 'number' && Number.isSafeInteger(candidate)) return String(candidate);
  return typeof candidate === 'string' && candidate.length > 0 && candidate.length <= 256 ? candidate : undefined;
}

function mapJwtError(err: unknown): ProjError {
  if (err instanceof jwt.TokenExpiredError) return createError('ERR_AUTH_TOKEN_EXPIRED', 'token expired', { cause: err });
  if (err instanceof jwt.NotBeforeError) return createError('ERR_AUTH_TOKEN_INVALID', 'token not active yet (nbf)', { cause: err });
  if (err instanceof jwt.JsonWebTokenError) return createError('ERR_AUTH_TOKEN_INVALID', `jsonwebtoken: ${err.message}`, { cause: err });
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_AUTH_')) return err as ProjError;
  return createError('ERR_AUTH_TOKEN_INVALID', 'token verification failed', { cause: err });
}
