import type { CloseCode, RetryAdvice } from './close-codes.js';

/** How callers handle a failure; each kind has its own error subclass. */
export type ErrorKind =
  | 'authentication'
  | 'authorization'
  | 'validation'
  | 'rate-limit'
  | 'payload-too-large'
  | 'protocol'
  | 'timeout'
  | 'unavailable'
  | 'internal'
  | 'config';

/**
 * pino level a server logs a failure at: `info` or `warn` for client faults,
 * `error` for server faults.
 */
export type ErrorLogLevel = 'info' | 'warn' | 'error';

/** HTTP status a code rejects an upgrade or plain request with. */
export type HttpStatus = 400 | 401 | 403 | 408 | 413 | 426 | 429 | 431 | 500 | 503;

/** The mappings of one error code: subclass, close code, HTTP status, log level and client view. */
export interface ErrorSpec {
  /** Which subclass carries the code. */
  readonly kind: ErrorKind;
  /** The close code sent when this error ends a connection. */
  readonly closeCode: CloseCode;
  /** The HTTP status sent when this error rejects an upgrade or request. */
  readonly httpStatus: HttpStatus;
  /** The level at which a server logs this error. */
  readonly logLevel: ErrorLogLevel;
  /** Whether the error's own message may be shown to clients. */
  readonly expose: boolean;
  /** The fixed message clients see when `expose` is false, and the default message. */
  readonly publicMessage: string;
  /** What a client should do next; always the advice of {@link ErrorSpec.closeCode}. */
  readonly retry: RetryAdvice;
  /** What went wrong, one line for the documentation table. */
  readonly meaning: string;
  /** What the client or operator should do about it, one line for the documentation table. */
  readonly remedy: string;
}
