/** Keys whose values never reach a log line, at any depth up to four levels. */
const SECRET_KEYS = ['token', 'accessToken', 'refreshToken', 'password', 'secret', 'authorization', 'cookie'];

const HEADER_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers.cookie',
  'headers["sec-websocket-protocol"]',
];

function pathsAtDepth(key: string): string[] {
  return [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`];
}

/** Constant redaction paths applied to every logger; never built from input. */
export const REDACT_PATHS: readonly string[] = Object.freeze([
  ...HEADER_PATHS,
  ...SECRET_KEYS.flatMap(pathsAtDepth),
]);

/** The text that replaces a redacted value. */
export const REDACTED = '[redacted]';
