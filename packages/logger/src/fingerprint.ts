import { createHash, createHmac } from 'node:crypto';

/** Number of hex characters a fingerprint keeps: 12, that is 48 bits of SHA-256. */
export const FINGERPRINT_HEX_CHARS = 12;

/** Options for {@link fingerprintToken}. */
export interface FingerprintOptions {
  /**
   * Key for HMAC-SHA-256 instead of plain SHA-256. With a key, someone who
   * reads the log cannot confirm a guessed token; without one, equal tokens
   * get equal fingerprints across every process and service.
   */
  key?: string | Buffer;
}

/**
 * Returns a short, non-reversible fingerprint of a token (`sha256:` and the
 * first 12 hex characters of its SHA-256), for correlating auth failures in
 * the log without logging the token.
 *
 * > [!WARNING]
 * > A plain hash of a low-entropy value such as a password can be found by
 * > trying candidates. Fingerprint only high-entropy values like signed
 * > tokens, or pass a `key`.
 *
 * @example
 * log.info({ code: error.code, tokenFingerprint: fingerprintToken(token) }, 'authentication failed');
 */
export function fingerprintToken(token: string, options: FingerprintOptions = {}): string {
  const text = typeof token === 'string' ? token : '';
  const hash = options.key === undefined ? createHash('sha256') : createHmac('sha256', options.key);
  const digest = hash.update(text, 'utf8').digest('hex').slice(0, FINGERPRINT_HEX_CHARS);
  return options.key === undefined ? `sha256:${digest}` : `hmac-sha256:${digest}`;
}
