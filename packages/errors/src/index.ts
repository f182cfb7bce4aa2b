export { CloseCode, closeCodeRetryAdvice, isCloseCode } from './close-codes.js';
export type { RetryAdvice } from './close-codes.js';
export { errorRegistry } from './codes.js';
export type { ErrorCode } from './codes.js';
export {
  AuthenticationError,
  AuthorizationError,
  ConfigError,
  InternalError,
  PayloadTooLargeError,
  ProjError,
  ProtocolError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
  ValidationError,
  createError,
  isProjError,
} from './errors.js';
export type { ProjErrorOptions } from './errors.js';
export { toHttpResponse } from './http-response.js';
export type { HttpResponseOptions } from './http-response.js';
export { errorCodes, isErrorCode, specOf } from './lookup.js';
export type { CodeOfKind } from './lookup.js';
export { toProjError } from './normalize.js';
export { MAX_CLOSE_REASON_BYTES, truncateUtf8 } from './reason.js';
export { MAX_REPLY_MESSAGE_BYTES, publicMessageOf, toCloseFrame, toErrorReply } from './serialize.js';
export type { CloseFrame, ErrorReply } from './serialize.js';
export type { ErrorKind, ErrorLogLevel, ErrorSpec, HttpStatus } from './spec.js';
