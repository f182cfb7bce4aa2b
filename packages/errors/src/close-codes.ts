/**
 * WebSocket close codes used by the toolkit: the RFC 6455 codes that fit, and
 * application codes in the 4000–4999 range shaped "4000 + HTTP status", as
 * graphql-ws made common. The object is frozen.
 *
 * @example
 * if (event.code === CloseCode.TOKEN_EXPIRED) await refreshToken();
 */
export const CloseCode = {
  /** Normal closure, for example after `logout`. */
  NORMAL: 1000,
  /** The server is shutting down or restarting. */
  GOING_AWAY: 1001,
  /** The peer broke the WebSocket protocol (RFC 6455). */
  PROTOCOL_ERROR: 1002,
  /** The peer sent a data type the endpoint does not accept, such as binary. */
  UNSUPPORTED_DATA: 1003,
  /**
   * No close frame was exchanged. Never sent on the wire: the server
   * terminates the socket and the client observes 1006 on its own.
   */
  ABNORMAL: 1006,
  /** A text message was not valid UTF-8. */
  INVALID_PAYLOAD: 1007,
  /** The peer broke a server policy, such as the invalid-message budget. */
  POLICY_VIOLATION: 1008,
  /** A message exceeded the size limit. */
  MESSAGE_TOO_BIG: 1009,
  /** The server hit an unexpected condition. */
  INTERNAL_ERROR: 1011,
  /** The server is overloaded or the client reads too slowly. */
  TRY_AGAIN_LATER: 1013,
  /** The request was malformed (HTTP 400). */
  BAD_REQUEST: 4400,
  /** Credentials are missing or invalid (HTTP 401). */
  UNAUTHORIZED: 4401,
  /** The credentials are valid but access is denied, for example revoked (HTTP 403). */
  FORBIDDEN: 4403,
  /** The client did not authenticate in time (HTTP 408). */
  AUTHENTICATION_TIMEOUT: 4408,
  /** The client exceeded a rate or session limit (HTTP 429). */
  TOO_MANY_REQUESTS: 4429,
  /** The access token expired: refresh it, then reconnect. */
  TOKEN_EXPIRED: 4440,
} as const;
Object.freeze(CloseCode);

/** One of the close codes in {@link CloseCode}. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * What a client should do after a close or an error:
 * - `never`: do not retry with the same request or credentials;
 * - `after-refresh`: obtain fresh credentials, then reconnect;
 * - `with-backoff`: reconnect after an exponential backoff with jitter;
 * - `immediately`: reconnect at once.
 */
export type RetryAdvice = 'never' | 'after-refresh' | 'with-backoff' | 'immediately';

/**
 * Retry advice for every close code, as data, so client libraries decide
 * without matching reason strings. The table is frozen.
 *
 * @example
 * const advice = isCloseCode(event.code) ? closeCodeRetryAdvice[event.code] : 'with-backoff';
 */
export const closeCodeRetryAdvice: Readonly<Record<CloseCode, RetryAdvice>> = Object.freeze({
  1000: 'never',
  1001: 'with-backoff',
  1002: 'never',
  1003: 'never',
  1006: 'with-backoff',
  1007: 'never',
  1008: 'never',
  1009: 'never',
  1011: 'with-backoff',
  1013: 'with-backoff',
  4400: 'never',
  4401: 'after-refresh',
  4403: 'never',
  4408: 'immediately',
  4429: 'with-backoff',
  4440: 'after-refresh',
});

/**
 * Tells whether a number is one of the toolkit's close codes, so that
 * {@link closeCodeRetryAdvice} can be indexed with a code read from the wire.
 *
 * @example
 * isCloseCode(4440); // true
 * isCloseCode(3000); // false
 */
export function isCloseCode(value: unknown): value is CloseCode {
  return typeof value === 'number' && Object.hasOwn(closeCodeRetryAdvice, value);
}
