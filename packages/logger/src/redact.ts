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

// Explicit header paths for the two request shapes callers log. The wildcard
// paths below cover them too, and these keep working if the depth is lowered.
const HEADER_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers.cookie',
  'headers["sec-websocket-protocol"]',
];

// `*.*.token` for plain keys, `*.*["set-cookie"]` for keys that need brackets.
function pathsUpToMaxDepth(key: string): string[] {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  const paths: string[] = [];
  for (let depth = 0; depth <= REDACT_MAX_DEPTH; depth += 1) {
    const parents = Array.from({ length: depth }, () => '*').join('.');
    if (plain) paths.push(depth === 0 ? key : `${parents}.${key}`);
    else paths.push(`${parents}["${key}"]`);
  }
  return paths;
}

/**
 * Redaction paths applied to every logger made by `createLogger`. They are
 * constants, never built from input, because pino compiles them once.
 *
 * @example
 * REDACT_PATHS.includes('*.token'); // true
 */
export const REDACT_PATHS: readonly string[] = Object.freeze([...HEADER_PATHS, ...SECRET_KEYS.flatMap(pathsUpToMaxDepth)]);

/** The text that replaces a redacted value. */
export const REDACTED = '[redacted]';
