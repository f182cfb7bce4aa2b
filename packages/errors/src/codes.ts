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

/** pino level names the toolkit logs failures at. */
export type ErrorLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Everything the toolkit knows about one error code. */
export interface ErrorSpec {
  /** Which subclass carries the code. */
  readonly kind: ErrorKind;
  /** The close code sent when this error ends a connection. */
  readonly closeCode: CloseCode;
  /** The HTTP status sent when this error rejects an upgrade or request. */
  readonly httpStatus: number;
  /** The level at which a server logs this error. */
  readonly logLevel: ErrorLogLevel;
  /** Whether the error's own message may be shown to clients. */
  readonly expose: boolean;
  /** The fixed message clients see when `expose` is false. */
  readonly publicMessage: string;
  /** What a client should do next. */
  readonly retry: RetryAdvice;
  /** One line for the documentation table. */
  readonly meaning: string;
}

/**
 * The registry of every error code. Codes are API: retire a code, never
 * reuse or rename it. Each entry must fill every field, so adding a code
 * without its mappings fails to compile.
 */
export const errorRegistry = {
  ERR_AUTH_TOKEN_MISSING: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Authentication required', retry: 'after-refresh',
    meaning: 'No token was presented where one is required.',
  },
  ERR_AUTH_TOKEN_MALFORMED: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Authentication failed', retry: 'after-refresh',
    meaning: 'The token is not a well-formed JWT, is too long, or uses a disallowed algorithm.',
  },
  ERR_AUTH_TOKEN_INVALID: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'warn', expose: false,
    publicMessage: 'Authentication failed', retry: 'after-refresh',
    meaning: 'The signature or a claim check failed (issuer, audience, nbf, iat, user id, key id).',
  },
  ERR_AUTH_TOKEN_EXPIRED: {
    kind: 'authentication', closeCode: 4440, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Token Expired', retry: 'after-refresh',
    meaning: 'The token is past its `exp` claim, beyond the clock tolerance.',
  },
  ERR_AUTH_REQUIRED: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Authentication required', retry: 'after-refresh',
    meaning: 'A message other than authentication arrived before the connection authenticated.',
  },
  ERR_AUTH_TIMEOUT: {
    kind: 'timeout', closeCode: 4408, httpStatus: 408, logLevel: 'info', expose: false,
    publicMessage: 'Authentication timeout', retry: 'immediately',
    meaning: 'The connection did not authenticate before the deadline.',
  },
  ERR_AUTH_TOKEN_REVOKED: {
    kind: 'authorization', closeCode: 4403, httpStatus: 403, logLevel: 'warn', expose: false,
    publicMessage: 'Access revoked', retry: 'never',
    meaning: 'The token, its user, or every token issued before a time was revoked.',
  },
  ERR_AUTH_SESSION_LIMIT: {
    kind: 'rate-limit', closeCode: 4429, httpStatus: 429, logLevel: 'info', expose: false,
    publicMessage: 'Too many sessions', retry: 'with-backoff',
    meaning: 'The user already holds the maximum number of sessions.',
  },
  ERR_ACCESS_ORIGIN_FORBIDDEN: {
    kind: 'authorization', closeCode: 4403, httpStatus: 403, logLevel: 'warn', expose: false,
    publicMessage: 'Forbidden', retry: 'never',
    meaning: 'The `Origin` header is missing or not on the allowlist.',
  },
  ERR_ACCESS_ADDRESS_FORBIDDEN: {
    kind: 'authorization', closeCode: 4403, httpStatus: 403, logLevel: 'warn', expose: false,
    publicMessage: 'Forbidden', retry: 'never',
    meaning: 'The client address is on the deny list or not on the allow list.',
  },
  ERR_VALIDATION_BINARY_UNSUPPORTED: {
    kind: 'validation', closeCode: 1003, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Binary messages are not supported', retry: 'never',
    meaning: 'A binary frame arrived where text is expected.',
  },
  ERR_VALIDATION_INVALID_UTF8: {
    kind: 'validation', closeCode: 1007, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Invalid UTF-8 in a text message', retry: 'never',
    meaning: 'A text frame or close reason was not valid UTF-8.',
  },
  ERR_VALIDATION_INVALID_JSON: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Message is not valid JSON', retry: 'never',
    meaning: 'The message could not be parsed as JSON.',
  },
  ERR_VALIDATION_TOO_DEEP: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Message is nested too deeply', retry: 'never',
    meaning: 'The JSON nesting depth exceeds the limit.',
  },
  ERR_VALIDATION_FORBIDDEN_KEY: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'warn', expose: true,
    publicMessage: 'Message contains a forbidden key', retry: 'never',
    meaning: 'The JSON contains `__proto__` or `constructor.prototype` keys.',
  },
  ERR_VALIDATION_UNKNOWN_TYPE: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Unknown message type', retry: 'never',
    meaning: 'The message `type` is not part of the protocol.',
  },
  ERR_VALIDATION_SCHEMA: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Message failed validation', retry: 'never',
    meaning: 'The message does not match the schema of its type.',
  },
  ERR_VALIDATION_BUDGET_EXCEEDED: {
    kind: 'validation', closeCode: 1008, httpStatus: 400, logLevel: 'warn', expose: true,
    publicMessage: 'Too many invalid messages', retry: 'never',
    meaning: 'The connection sent more invalid messages than its budget allows.',
  },
  ERR_PAYLOAD_TOO_LARGE: {
    kind: 'payload-too-large', closeCode: 1009, httpStatus: 413, logLevel: 'info', expose: true,
    publicMessage: 'Message too big', retry: 'never',
    meaning: 'A message or announced frame length exceeds the size limit.',
  },
  ERR_RATE_LIMITED: {
    kind: 'rate-limit', closeCode: 4429, httpStatus: 429, logLevel: 'info', expose: true,
    publicMessage: 'Too many requests', retry: 'with-backoff',
    meaning: 'The connection, address or user exceeded its message rate.',
  },
  ERR_RATE_CONNECTIONS: {
    kind: 'rate-limit', closeCode: 4429, httpStatus: 429, logLevel: 'info', expose: true,
    publicMessage: 'Too many connections', retry: 'with-backoff',
    meaning: 'The client address holds the maximum number of connections.',
  },
  ERR_PROTOCOL_VIOLATION: {
    kind: 'protocol', closeCode: 1002, httpStatus: 400, logLevel: 'warn', expose: false,
    publicMessage: 'Protocol error', retry: 'never',
    meaning: 'The peer broke RFC 6455 (reserved bits, opcodes, masking, control frames, close codes).',
  },
  ERR_PROTOCOL_BAD_HANDSHAKE: {
    kind: 'protocol', closeCode: 1002, httpStatus: 400, logLevel: 'info', expose: false,
    publicMessage: 'Bad Request', retry: 'never',
    meaning: 'The upgrade request is malformed (version, key, headers).',
  },
  ERR_PROTOCOL_UPGRADE_REQUIRED: {
    kind: 'protocol', closeCode: 1002, httpStatus: 426, logLevel: 'debug', expose: false,
    publicMessage: 'Upgrade Required', retry: 'never',
    meaning: 'A plain HTTP request reached a WebSocket endpoint.',
  },
  ERR_TIMEOUT_HEARTBEAT: {
    kind: 'timeout', closeCode: 1006, httpStatus: 408, logLevel: 'info', expose: false,
    publicMessage: 'Heartbeat timeout', retry: 'with-backoff',
    meaning: 'The peer missed a pong; the socket is terminated without a close frame.',
  },
  ERR_TIMEOUT_HANDSHAKE: {
    kind: 'timeout', closeCode: 1002, httpStatus: 408, logLevel: 'info', expose: false,
    publicMessage: 'Request Timeout', retry: 'with-backoff',
    meaning: 'The upgrade request did not complete in time.',
  },
  ERR_SERVER_SHUTTING_DOWN: {
    kind: 'unavailable', closeCode: 1001, httpStatus: 503, logLevel: 'info', expose: true,
    publicMessage: 'Server shutting down', retry: 'with-backoff',
    meaning: 'The server is draining before it stops.',
  },
  ERR_SERVER_OVERLOADED: {
    kind: 'unavailable', closeCode: 1013, httpStatus: 503, logLevel: 'warn', expose: true,
    publicMessage: 'Server overloaded', retry: 'with-backoff',
    meaning: 'The global connection cap is reached.',
  },
  ERR_SERVER_SLOW_CONSUMER: {
    kind: 'unavailable', closeCode: 1013, httpStatus: 503, logLevel: 'warn', expose: true,
    publicMessage: 'Client too slow', retry: 'with-backoff',
    meaning: 'Outbound data queued past the high-water mark because the client does not read.',
  },
  ERR_INTERNAL: {
    kind: 'internal', closeCode: 1011, httpStatus: 500, logLevel: 'error', expose: false,
    publicMessage: 'Internal error', retry: 'with-backoff',
    meaning: 'An unexpected server fault; details are only in the server log.',
  },
  ERR_CONFIG_INVALID: {
    kind: 'config', closeCode: 1011, httpStatus: 500, logLevel: 'error', expose: true,
    publicMessage: 'Invalid configuration', retry: 'never',
    meaning: 'Configuration is missing or invalid; the service refuses to start.',
  },
} as const;

// Fails to compile when an entry misses a mapping or a code is misshapen.
const registryIsComplete: Readonly<Record<`ERR_${string}`, ErrorSpec>> = errorRegistry;
void registryIsComplete;

/** Every error code the toolkit can produce. */
export type ErrorCode = keyof typeof errorRegistry;

/** Error codes of one {@link ErrorKind}. */
export type CodeOfKind<K extends ErrorKind> = {
  [C in ErrorCode]: (typeof errorRegistry)[C]['kind'] extends K ? C : never;
}[ErrorCode];

/** Every registered code, in registry order. */
export const errorCodes: readonly ErrorCode[] = Object.freeze(Object.keys(errorRegistry) as ErrorCode[]);

/**
 * Tells whether a string is a registered error code.
 *
 * @example
 * if (isErrorCode(body.code)) console.log(errorRegistry[body.code].retry);
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorRegistry, value);
}

/** Returns the registry entry of a code. */
export function specOf(code: ErrorCode): ErrorSpec {
  return errorRegistry[code];
}
