import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ProjError, createError, errorRegistry, publicMessageOf } from '@proj/errors';
import { parseJsonMessage } from '@proj/validation';

/** Largest admin request body in bytes. */
export const MAX_ADMIN_BODY_BYTES = 4_096;

/**
 * Sends a JSON response with `Cache-Control: no-store`, because admin
 * responses list sessions and revocations.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/**
 * Sends the `{ code, message }` body that `toHttpResponse` of `@proj/errors`
 * writes for an upgrade, with the status of the code in the registry. A 401
 * carries `WWW-Authenticate: Bearer` (RFC 6750 section 3).
 */
export function sendError(response: ServerResponse, error: ProjError): void {
  const status = errorRegistry[error.code].httpStatus;
  if (status === 401) response.setHeader('www-authenticate', 'Bearer');
  sendJson(response, status, { code: error.code, message: publicMessageOf(error) });
}

/**
 * Reads a request body of at most {@link MAX_ADMIN_BODY_BYTES} and parses it
 * with the hardened JSON parser of `@proj/validation`. A larger body is read
 * to its end and dropped, because destroying the request would also destroy
 * the socket that the error response needs.
 *
 * @throws {PayloadTooLargeError} `ERR_PAYLOAD_TOO_LARGE` for a larger body.
 * @throws {ValidationError} `ERR_VALIDATION_INVALID_JSON`, `ERR_VALIDATION_TOO_DEEP`,
 * `ERR_VALIDATION_INVALID_UTF8` or `ERR_VALIDATION_FORBIDDEN_KEY`.
 */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const tooLarge = createError('ERR_PAYLOAD_TOO_LARGE', `admin request body is larger than ${MAX_ADMIN_BODY_BYTES} bytes`);
  if (Number(request.headers['content-length'] ?? 0) > MAX_ADMIN_BODY_BYTES) throw tooLarge;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_ADMIN_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_ADMIN_BODY_BYTES) throw tooLarge;
  return parseJsonMessage(Buffer.concat(chunks), { maxBytes: MAX_ADMIN_BODY_BYTES });
}
