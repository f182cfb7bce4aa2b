import type { ErrorCode } from '../codes.js';

/**
 * Every error code that ws 8 sets on the errors it emits (ws 8.23.1,
 * lib/receiver.js and lib/permessage-deflate.js; lib/validation.js only
 * checks values and sets none). A test compares this list with the
 * installed ws source.
 */
export type WsErrorCode =
  | 'WS_ERR_EXPECTED_FIN'
  | 'WS_ERR_EXPECTED_MASK'
  | 'WS_ERR_INVALID_CLOSE_CODE'
  | 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH'
  | 'WS_ERR_INVALID_OPCODE'
  | 'WS_ERR_INVALID_UTF8'
  | 'WS_ERR_TOO_MANY_BUFFERED_PARTS'
  | 'WS_ERR_UNEXPECTED_MASK'
  | 'WS_ERR_UNEXPECTED_RSV_1'
  | 'WS_ERR_UNEXPECTED_RSV_2_3'
  | 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'
  | 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

/**
 * The toolkit code for each ws error code, chosen so that its close code is
 * the one ws itself sends for that error. Typed by {@link WsErrorCode}, so a
 * ws code added to the union without a mapping fails to compile.
 */
export const wsErrorCodes: Readonly<Record<WsErrorCode, ErrorCode>> = Object.freeze({
  WS_ERR_EXPECTED_FIN: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_EXPECTED_MASK: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_INVALID_CLOSE_CODE: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_INVALID_OPCODE: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_INVALID_UTF8: 'ERR_VALIDATION_INVALID_UTF8',
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 'ERR_PAYLOAD_TOO_MANY_FRAGMENTS',
  WS_ERR_UNEXPECTED_MASK: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_UNEXPECTED_RSV_1: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_UNEXPECTED_RSV_2_3: 'ERR_PROTOCOL_VIOLATION',
  // Both the maxPayload limit and a 64-bit length above 2^53 - 1; ws closes with 1009 for each.
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 'ERR_PAYLOAD_TOO_LARGE',
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'ERR_PAYLOAD_TOO_LARGE',
});

/** Tells whether a string is a ws error code this package maps. */
export function isWsErrorCode(value: string): value is WsErrorCode {
  return Object.hasOwn(wsErrorCodes, value);
}
