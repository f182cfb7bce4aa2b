import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_DEPTH, type MessageLimits } from '../message/raw-message.js';

/** Message limits with defaults filled in. */
export interface ResolvedLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/**
 * Fills in default limits and rejects values that would disable a check.
 *
 * @throws {TypeError} when a limit is not a positive safe integer.
 */
export function checkLimits(limits: MessageLimits): ResolvedLimits {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_MESSAGE_DEPTH;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new TypeError(`maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) {
    throw new TypeError(`maxDepth must be a positive integer, got ${String(maxDepth)}`);
  }
  return { maxBytes, maxDepth };
}
