import type { HttpStatus } from './spec.js';
import { errorRegistry } from './codes.js';
import { toProjError } from './normalize.js';
import { publicMessageOf } from './serialize.js';

// Typed by HttpStatus, so a status added to the registry without its phrase fails to compile.
const reasonPhrases: Readonly<Record<HttpStatus, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  408: 'Request Timeout',
  413: 'Content Too Large',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Options for {@link toHttpResponse}. */
export interface HttpResponseOptions {
  /** Seconds for a `Retry-After` header on 429 and 503 responses; ignored unless a non-negative safe integer. */
  retryAfterSeconds?: number;
}

/**
 * Formats a complete HTTP/1.1 response rejecting an upgrade, with a JSON body
 * `{ code, message }`, `Connection: close` and `Cache-Control: no-store`.
 * A 401 carries `WWW-Authenticate: Bearer` and a 426 carries
 * `Upgrade: websocket`, as RFC 9110 requires. Write it to the raw socket with
 * `socket.end()`.
 *
 * @example
 * socket.end(toHttpResponse(createError('ERR_ACCESS_ORIGIN_FORBIDDEN')));
 */
export function toHttpResponse(value: unknown, options: HttpResponseOptions = {}): string {
  const error = toProjError(value);
  const status = errorRegistry[error.code].httpStatus;
  const body = JSON.stringify({ code: error.code, message: publicMessageOf(error) });
  const lines = [
    `HTTP/1.1 ${status} ${reasonPhrases[status]}`,
    status === 426 ? 'Connection: Upgrade, close' : 'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
  ];
  if (status === 401) lines.push('WWW-Authenticate: Bearer');
  if (status === 426) lines.push('Upgrade: websocket');
  const retryAfter = options.retryAfterSeconds;
  if ((status === 429 || status === 503) && Number.isSafeInteger(retryAfter) && (retryAfter as number) >= 0) {
    lines.push(`Retry-After: ${retryAfter}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
