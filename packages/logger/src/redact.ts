/**
 * Keys whose values never reach a log line, wherever they appear from the top
 * level down to {@link REDACT_MAX_DEPTH} objects or arrays below it.
 */
export const SECRET_KEYS: readonly string[] = Object.freeze([
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'jwt',
  'apiKey',
  'api_key',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'sec-websocket-protocol',
]);

/**
 * How many objects or arrays may sit above a secret key for it to be
 * redacted: 4 covers `{ a: { b: { c: { d: { token } } } } }`.
 */
export const REDACT_MAX_DEPTH = 4;

/**
 * pino redaction paths for the credential headers of the two request shapes
 * callers log, `req.headers` and `headers`. Every other secret key, these
 * included, is redacted by one pass over each logged object down to
 * {@link REDACT_MAX_DEPTH}, because pino's wildcard paths cost tens of
 * microseconds per child logger and per line. The paths are constants, never
 * built from input, because pino compiles them once.
 *
 * @example
 * REDACT_PATHS.includes('req.headers.authorization'); // true
 */
export const REDACT_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers.cookie',
  'headers["sec-websocket-protocol"]',
]);

/** The text that replaces a redacted value. */
export const REDACTED = '[redacted]';
