import type { Algorithm } from '../algorithms.js';
import type { VerificationKey } from './verification-key.js';

/** The parts of a token header that select a key, already checked by the cheap checks. */
export interface KeySelector {
  /** The header's `alg`, already on the allowlist. */
  readonly alg: Algorithm;
  /** The header's `kid` when present. */
  readonly kid?: string;
}

/**
 * Finds the key that verifies a token. Static key sets return at once, and a
 * JWKS resolver may fetch. Implementations throw a toolkit error when no key fits.
 */
export interface KeyResolver {
  /** Returns the key for a header, or throws `ERR_AUTH_TOKEN_INVALID` for an unknown `kid`. */
  resolve(selector: KeySelector): VerificationKey | Promise<VerificationKey>;
}
