import type { ErrorCode } from './codes.js';
import { ProjError, createError } from './errors.js';

// Error codes of ws 8 (lib/receiver.js, lib/validation.js) and the toolkit
// code each maps to. ws reports these as an `error` event on the connection.
const wsErrorCodes: Readonly<Record<string, ErrorCode>> = {
  WS_ERR_INVALID_UTF8: 'ERR_VALIDATION_INVALID_UTF8',
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'ERR_PAYLOAD_TOO_LARGE',
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 'ERR_PAYLOAD_TOO_LARGE',
  WS_ERR_INVALID_CLOSE_CODE: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_INVALID_OPCODE: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_EXPECTED_FIN: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_EXPECTED_MASK: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_UNEXPECTED_MASK: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_UNEXPECTED_RSV_1: 'ERR_PROTOCOL_VIOLATION',
  WS_ERR_UNEXPECTED_RSV_2_3: 'ERR_PROTOCOL_VIOLATION',
};

const MAX_DESCRIPTION_CHARS = 200;

/**
 * Turns anything thrown into a toolkit error. Toolkit errors pass through;
 * `ws` protocol errors get their own codes; everything else becomes
 * `ERR_INTERNAL` with the original kept as `cause`. Never throws, even for
 * values with a hostile `toString` or getters.
 *
 * @example
 * ws.on('error', (err) => closeWith(toProjError(err)));
 */
export function toProjError(value: unknown): ProjError {
  if (value instanceof ProjError) return value;
  const wsCode = readWsCode(value);
  if (wsCode !== undefined) {
    return createError(wsErrorCodes[wsCode] ?? 'ERR_PROTOCOL_VIOLATION', `ws reported ${wsCode}`, { cause: value });
  }
  return createError('ERR_INTERNAL', `unexpected ${describe(value)}`, { cause: value });
}

function readWsCode(value: unknown): string | undefined {
  if (!(value instanceof Error)) return undefined;
  try {
    const code: unknown = (value as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('WS_ERR_') ? code : undefined;
  } catch {
    return undefined;
  }
}

// Describes a thrown value for the log without calling its toString or getters.
function describe(value: unknown): string {
  if (value === null) return 'null thrown';
  if (value instanceof Error) {
    let message = '';
    try {
      const own = Object.getOwnPropertyDescriptor(value, 'message');
      message = typeof own?.value === 'string' ? own.value : '';
    } catch {
      message = '';
    }
    return `error: ${message.slice(0, MAX_DESCRIPTION_CHARS)}`;
  }
  switch (typeof value) {
    case 'string':
      return `string thrown: ${value.slice(0, MAX_DESCRIPTION_CHARS)}`;
    case 'object':
      return 'object thrown';
    case 'undefined':
      return 'undefined thrown';
    default:
      return `${typeof value} thrown`;
  }
}
