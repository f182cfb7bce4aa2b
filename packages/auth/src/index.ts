export { MIN_HS256_SECRET_BYTES, createHmacKey } from './hmac-key.js';
export { signToken } from './sign-token.js';
export type { SignOptions } from './sign-token.js';
export { MAX_TOKEN_BYTES, verifyToken } from './verify-token.js';
export type { VerifiedToken, VerifyOptions } from './verify-token.js';
