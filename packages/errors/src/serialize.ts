import type { CloseCode } from './close-codes.js';
import { type ErrorCode, errorRegistry } from './codes.js';
import type { ProjError } from './errors.js';
import { toProjError } from './normalize.js';
import { truncateUtf8 } from './reason.js';

/** The JSON error reply sent to clients on the message protocol. */
export interface ErrorReply {
  /** Always `'error'`, so clients tell the reply from other messages. */
  readonly type: 'error';
  /** Stable code from the registry. */
  readonly code: ErrorCode;
  /** Client-safe message: the error's own for safe codes, else the public message. */
  readonly message: string;
  /** The request id the client sent, echoed when it is 1 to 64 visible ASCII characters. */
  readonly requestId?: string;
}

/** A close code and a reason of at most 123 bytes of UTF-8. */
export interface CloseFrame {
  /** Close code from the registry. */
  readonly code: CloseCode;
  /** Client-safe reason, at most 123 bytes of UTF-8. */
  readonly reason: string;
}

/** Largest error reply message, in bytes of UTF-8; longer exposed messages are truncated. */
export const MAX_REPLY_MESSAGE_BYTES = 512;

// Request ids are echoed only when they look like ids: 1 to 64 visible ASCII characters.
const REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,64}$/;

/**
 * Returns the message a client may see: the error's own message when its code
 * is marked safe (`expose`), else the fixed public message of the code.
 *
 * @example
 * publicMessageOf(createError('ERR_INTERNAL', 'db password rejected')); // 'Internal error'
 */
export function publicMessageOf(error: ProjError): string {
  const spec = errorRegistry[error.code];
  if (!spec.expose || typeof error.message !== 'string' || error.message.length === 0) return spec.publicMessage;
  return error.message;
}

/**
 * Builds the `{ type: 'error', code, message, requestId? }` reply for any
 * thrown value. It carries no stack, path, cause or message of an unsafe
 * error. A `requestId` that is not 1 to 64 visible ASCII characters is left out.
 *
 * @example
 * ws.send(JSON.stringify(toErrorReply(err, msg.requestId)));
 */
export function toErrorReply(value: unknown, requestId?: string): ErrorReply {
  const error = toProjError(value);
  const message = truncateUtf8(publicMessageOf(error), MAX_REPLY_MESSAGE_BYTES);
  const reply: ErrorReply = { type: 'error', code: error.code, message };
  if (typeof requestId === 'string' && REQUEST_ID_PATTERN.test(requestId)) return { ...reply, requestId };
  return reply;
}

/**
 * Builds the close code and reason for any thrown value. The reason is the
 * public message, truncated to 123 bytes of UTF-8 on a character boundary.
 *
 * > [!WARNING]
 * > `ws` rejects 1006 in `close()`: for codes mapped to 1006 (heartbeat and
 * > handshake timeouts), call `terminate()` instead.
 *
 * @example
 * const { code, reason } = toCloseFrame(err);
 * ws.close(code, reason);
 */
export function toCloseFrame(value: unknown): CloseFrame {
  const error = toProjError(value);
  return { code: errorRegistry[error.code].closeCode, reason: truncateUtf8(publicMessageOf(error)) };
}
