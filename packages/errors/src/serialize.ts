import type { ErrorCode } from './codes.js';
import type { ProjError } from './errors.js';
import { toProjError } from './normalize.js';
import { truncateUtf8 } from './reason.js';

/** The JSON error reply sent to clients on the message protocol. */
export interface ErrorReply {
  readonly type: 'error';
  readonly code: ErrorCode;
  readonly message: string;
  readonly requestId?: string;
}

/** A close code and a reason of at most 123 bytes of UTF-8. */
export interface CloseFrame {
  readonly code: number;
  readonly reason: string;
}

const MAX_REQUEST_ID_CHARS = 64;

/**
 * Returns the message a client may see: the error's own message when its code
 * is marked safe, else the fixed public message of the code.
 */
export function publicMessageOf(error: ProjError): string {
  const spec = error.spec;
  return spec.expose ? error.message : spec.publicMessage;
}

/**
 * Builds the `{ type: 'error', code, message, requestId? }` reply for any
 * thrown value. No stack, path, input value or secret is included.
 *
 * @example
 * ws.send(JSON.stringify(toErrorReply(err, msg.requestId)));
 */
export function toErrorReply(value: unknown, requestId?: string): ErrorReply {
  const error = toProjError(value);
  const reply: ErrorReply = { type: 'error', code: error.code, message: publicMessageOf(error) };
  if (typeof requestId === 'string' && requestId.length > 0) {
    return { ...reply, requestId: requestId.slice(0, MAX_REQUEST_ID_CHARS) };
  }
  return reply;
}

/**
 * Builds the close code and reason for any thrown value. The reason is the
 * public message, truncated to fit a close frame.
 *
 * @example
 * const { code, reason } = toCloseFrame(err);
 * ws.close(code, reason);
 */
export function toCloseFrame(value: unknown): CloseFrame {
  const error = toProjError(value);
  return { code: error.spec.closeCode, reason: truncateUtf8(publicMessageOf(error)) };
}

const reasonPhrases: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Options for {@link toHttpResponse}. */
export interface HttpResponseOptions {
  /** Seconds for a `Retry-After` header on 429 and 503 responses. */
  retryAfterSeconds?: number;
}

/**
 * Formats a complete HTTP/1.1 response rejecting an upgrade, with a JSON body
 * `{ code, message }` and `Connection: close`. Write it to the raw socket,
 * then destroy the socket.
 *
 * @example
 * socket.end(toHttpResponse(createError('ERR_ACCESS_ORIGIN_FORBIDDEN')));
 */
export function toHttpResponse(value: unknown, options: HttpResponseOptions = {}): string {
  const error = toProjError(value);
  const status = error.spec.httpStatus;
  const body = JSON.stringify({ code: error.code, message: publicMessageOf(error) });
  const lines = [
    `HTTP/1.1 ${status} ${reasonPhrases[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  if (status === 426) lines.push('Upgrade: websocket');
  const retryAfter = options.retryAfterSeconds;
  if ((status === 429 || status === 503) && retryAfter !== undefined && Number.isInteger(retryAfter) && retryAfter >= 0) {
    lines.push(`Retry-After: ${retryAfter}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
