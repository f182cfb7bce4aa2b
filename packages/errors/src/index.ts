export { CloseCode, closeCodeRetryAdvice } from './close-codes.js';
export type { RetryAdvice } from './close-codes.js';
export { errorCodes, errorRegistry, isErrorCode, specOf } from './codes.js';
export type { CodeOfKind, ErrorCode, ErrorKind, ErrorLogLevel, ErrorSpec } from './codes.js';
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
export { toProjError } from './normalize.js';
export { MAX_CLOSE_REASON_BYTES, truncateUtf8 } from './reason.js';
export { publicMessageOf, toCloseFrame, toErrorReply, toHttpResponse } from './serialize.js';
export type { CloseFrame, ErrorReply, HttpResponseOptions } from './serialize.js';
