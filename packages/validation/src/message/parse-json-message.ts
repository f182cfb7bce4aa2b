import { frameToText } from '../internal/frame-text.js';
import { parseJsonText } from '../internal/parse-json-text.js';
import { checkLimits } from '../internal/limits.js';
import type { MessageLimits, RawMessage } from './raw-message.js';

/** Options for {@link parseJsonMessage}. */
export interface ParseJsonMessageOptions extends MessageLimits {
  /** Whether the frame was binary, as `ws` reports it; binary frames are rejected. */
  isBinary?: boolean;
}

/**
 * Parses one WebSocket message as JSON, with each step bounded: binary frames
 * are rejected, the byte length is checked before decoding, the nesting depth
 * is checked on the raw text, and the parser rejects prototype-polluting keys.
 * The error messages never quote the input.
 *
 * @throws {ValidationError} `ERR_VALIDATION_BINARY_UNSUPPORTED`, `ERR_VALIDATION_INVALID_UTF8`,
 * `ERR_VALIDATION_TOO_DEEP`, `ERR_VALIDATION_INVALID_JSON` or `ERR_VALIDATION_FORBIDDEN_KEY`.
 * @throws {PayloadTooLargeError} `ERR_PAYLOAD_TOO_LARGE` when the message exceeds `maxBytes`.
 * @example
 * ws.on('message', (data, isBinary) => {
 *   const value = parseJsonMessage(data, { isBinary, maxBytes: 16_384 });
 * });
 */
export function parseJsonMessage(data: RawMessage, options: ParseJsonMessageOptions = {}): unknown {
  const limits = checkLimits(options);
  const text = frameToText(data, options.isBinary === true, limits.maxBytes);
  return parseJsonText(text, limits.maxDepth);
}
