import { fingerprintToken } from '../fingerprint.js';

// A base64url run that starts with `eyJ` (the encoding of `{"`, so the start
// of every JWT header) and continues through up to two dots. Partial tokens
// match too, so a token cut by truncation still leaves no `eyJ` behind.
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g;

/**
 * Replaces every JWT-shaped substring of `text` with `[jwt sha256:…]`. The
 * `eyJ` check first keeps the common case to one substring search.
 */
export function scrubJwts(text: string): string {
  if (!text.includes('eyJ')) return text;
  return text.replace(JWT_SHAPED, (token) => `[jwt ${fingerprintToken(token)}]`);
}
