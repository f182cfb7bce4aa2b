import { createHash } from 'node:crypto';

/**
 * Returns a short, non-reversible fingerprint of a token (12 hex characters
 * of its SHA-256), so logs can correlate attempts without holding the token.
 *
 * @example
 * log.info({ tokenFingerprint: tokenFingerprint(token) }, 'authentication failed');
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
