import type { ValidErrorRegistry } from './internal/registry-shape.js';

/**
 * The registry of every error code and its mappings. Codes are API: retire a
 * code, never reuse or rename it. {@link ErrorCode} goes through a type check
 * that makes a code without every mapping, or a key not shaped
 * `ERR_<AREA>_<PROBLEM>`, fail to compile.
 * Entries are frozen at load, so no caller can flip `expose` at run time.
 *
 * @example
 * errorRegistry.ERR_AUTH_TOKEN_EXPIRED.closeCode; // 4440
 */
export const errorRegistry = {
  ERR_AUTH_TOKEN_MISSING: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Authentication required', retry: 'after-refresh',
    meaning: 'No token was presented where one is required.',
    remedy: 'Obtain a token and send it, then reconnect.',
  },
  ERR_AUTH_TOKEN_MALFORMED: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Authentication failed', retry: 'after-refresh',
    meaning: 'The token is not a well-formed JWT, is too long, or uses a disallowed algorithm.',
    remedy: 'Obtain a new token from the issuer, because resending this one fails again.',
  },
  ERR_AUTH_TOKEN_INVALID: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'warn', expose: false,
    publicMessage: 'Authentication failed', retry: 'after-refresh',
    meaning: 'The signature or a claim check failed (issuer, audience, nbf, iat, user id, key id).',
    remedy: 'Obtain a new token from the issuer; operators find the failed check in the log.',
  },
  ERR_AUTH_TOKEN_EXPIRED: {
    kind: 'authentication', closeCode: 4440, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Token Expired', retry: 'after-refresh',
    meaning: 'The token is past its `exp` claim, beyond the clock tolerance.',
    remedy: 'Refresh the token, then reconnect.',
  },
  ERR_AUTH_REQUIRED: {
    kind: 'authentication', closeCode: 4401, httpStatus: 401, logLevel: 'info', expose: false,
    publicMessage: 'Authentication required', retry: 'after-refresh',
    meaning: 'A message other than authentication arrived before the connection authenticated.',
    remedy: 'Authenticate first, then send other messages.',
  },
  ERR_AUTH_TIMEOUT: {
    kind: 'timeout', closeCode: 4408, httpStatus: 408, logLevel: 'info', expose: false,
    publicMessage: 'Authentication timeout', retry: 'immediately',
    meaning: 'The connection did not authenticate before the deadline.',
    remedy: 'Reconnect and send the token as soon as the connection opens.',
  },
  ERR_AUTH_TOKEN_REVOKED: {
    kind: 'authorization', closeCode: 4403, httpStatus: 403, logLevel: 'warn', expose: false,
    publicMessage: 'Access revoked', retry: 'never',
    meaning: 'The token, its user, or every token issued before a time was revoked.',
    remedy: 'Stop retrying; the user signs in again or contacts the operator.',
  },
  ERR_AUTH_SESSION_LIMIT: {
    kind: 'rate-limit', closeCode: 4429, httpStatus: 429, logLevel: 'info', expose: false,
    publicMessage: 'Too many sessions', retry: 'with-backoff',
    meaning: 'The user already holds the maximum number of sessions.',
    remedy: 'Close another session of the same user, or retry with backoff.',
  },
  ERR_AUTH_KEYS_UNAVAILABLE: {
    kind: 'unavailable', closeCode: 1013, httpStatus: 503, logLevel: 'error', expose: false,
    publicMessage: 'Authentication unavailable', retry: 'with-backoff',
    meaning: 'The verification keys could not be fetched (JWKS endpoint down or too slow).',
    remedy: 'Retry with backoff; operators check the key endpoint.',
  },
  ERR_AUTH_REVOCATION_STORE_FULL: {
    kind: 'unavailable', closeCode: 1013, httpStatus: 503, logLevel: 'error', expose: true,
    publicMessage: 'Revocation store full', retry: 'with-backoff',
    meaning: 'A revocation was not recorded because the store holds its maximum number of entries.',
    remedy: 'Retry with backoff; operators raise the store limit or prune old entries.',
  },
  ERR_ACCESS_ORIGIN_FORBIDDEN: {
    kind: 'authorization', closeCode: 4403, httpStatus: 403, logLevel: 'warn', expose: false,
    publicMessage: 'Forbidden', retry: 'never',
    meaning: 'The `Origin` header is missing or not on the allowlist.',
    remedy: 'Connect from an allowed origin; operators extend the allowlist.',
  },
  ERR_ACCESS_ADDRESS_FORBIDDEN: {
    kind: 'authorization', closeCode: 4403, httpStatus: 403, logLevel: 'warn', expose: false,
    publicMessage: 'Forbidden', retry: 'never',
    meaning: 'The client address is on the deny list or not on the allow list.',
    remedy: 'Connect from an allowed address; operators review the address lists.',
  },
  ERR_VALIDATION_BINARY_UNSUPPORTED: {
    kind: 'validation', closeCode: 1003, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Binary messages are not supported', retry: 'never',
    meaning: 'A binary frame arrived where text is expected.',
    remedy: 'Send text frames only.',
  },
  ERR_VALIDATION_INVALID_UTF8: {
    kind: 'validation', closeCode: 1007, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Invalid UTF-8 in a text message', retry: 'never',
    meaning: 'A text frame or close reason was not valid UTF-8.',
    remedy: 'Encode text messages and close reasons as UTF-8.',
  },
  ERR_VALIDATION_INVALID_JSON: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Message is not valid JSON', retry: 'never',
    meaning: 'The message could not be parsed as JSON.',
    remedy: 'Send one complete JSON document per message.',
  },
  ERR_VALIDATION_TOO_DEEP: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Message is nested too deeply', retry: 'never',
    meaning: 'The JSON nesting depth exceeds the limit.',
    remedy: 'Flatten the message structure.',
  },
  ERR_VALIDATION_FORBIDDEN_KEY: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'warn', expose: true,
    publicMessage: 'Message contains a forbidden key', retry: 'never',
    meaning: 'The JSON contains `__proto__` or `constructor.prototype` keys.',
    remedy: 'Remove `__proto__`, `constructor` and `prototype` keys from the message.',
  },
  ERR_VALIDATION_UNKNOWN_TYPE: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Unknown message type', retry: 'never',
    meaning: 'The message `type` is not part of the protocol.',
    remedy: 'Use a message `type` that the protocol defines.',
  },
  ERR_VALIDATION_SCHEMA: {
    kind: 'validation', closeCode: 4400, httpStatus: 400, logLevel: 'info', expose: true,
    publicMessage: 'Message failed validation', retry: 'never',
    meaning: 'The message does not match the schema of its type.',
    remedy: 'Fix the fields that the error message names, then resend.',
  },
  ERR_VALIDATION_BUDGET_EXCEEDED: {
    kind: 'validation', closeCode: 1008, httpStatus: 400, logLevel: 'warn', expose: true,
    publicMessage: 'Too many invalid messages', retry: 'never',
    meaning: 'The connection sent more invalid messages than its budget allows.',
    remedy: 'Fix the client so that it sends valid messages, then reconnect.',
  },
  ERR_PAYLOAD_TOO_LARGE: {
    kind: 'payload-too-large', closeCode: 1009, httpStatus: 413, logLevel: 'info', expose: true,
    publicMessage: 'Message too big', retry: 'never',
    meaning: 'A message or announced frame length exceeds the size limit.',
    remedy: 'Send smaller messages, or have the operator raise the size limit.',
  },
  ERR_PAYLOAD_TOO_MANY_FRAGMENTS: {
    kind: 'payload-too-large', closeCode: 1008, httpStatus: 413, logLevel: 'warn', expose: true,
    publicMessage: 'Message has too many fragments', retry: 'never',
    meaning: 'A message arrived in more fragments or buffered chunks than the limit allows.',
    remedy: 'Send each message in fewer, larger frames.',
  },
  ERR_RATE_LIMITED: {
    kind: 'rate-limit', closeCode: 4429, httpStatus: 429, logLevel: 'info', expose: true,
    publicMessage: 'Too many requests', retry: 'with-backoff',
    meaning: 'The connection, address or user exceeded its message rate.',
    remedy: 'Send fewer messages and retry with backoff.',
  },
  ERR_RATE_CONNECTIONS: {
    kind: 'rate-limit', closeCode: 4429, httpStatus: 429, logLevel: 'info', expose: true,
    publicMessage: 'Too many connections', retry: 'with-backoff',
    meaning: 'The client address holds the maximum number of connections.',
    remedy: 'Close idle connections from this address, then retry with backoff.',
  },
  ERR_PROTOCOL_VIOLATION: {
    kind: 'protocol', closeCode: 1002, httpStatus: 400, logLevel: 'warn', expose: false,
    publicMessage: 'Protocol error', retry: 'never',
    meaning: 'The peer broke RFC 6455 (reserved bits, opcodes, masking, control frames, close codes).',
    remedy: 'Fix or replace the client WebSocket implementation.',
  },
  ERR_PROTOCOL_BAD_HANDSHAKE: {
    kind: 'protocol', closeCode: 1002, httpStatus: 400, logLevel: 'info', expose: false,
    publicMessage: 'Bad Request', retry: 'never',
    meaning: 'The upgrade request is malformed (version, key, headers).',
    remedy: 'Send a valid RFC 6455 upgrade request.',
  },
  ERR_PROTOCOL_HEADERS_TOO_LARGE: {
    kind: 'protocol', closeCode: 1002, httpStatus: 431, logLevel: 'info', expose: false,
    publicMessage: 'Request Header Fields Too Large', retry: 'never',
    meaning: 'The headers of the upgrade request exceed the server limit (Node.js `maxHeaderSize`).',
    remedy: 'Send the request again with fewer or shorter headers, such as smaller cookies.',
  },
  ERR_PROTOCOL_UPGRADE_REQUIRED: {
    kind: 'protocol', closeCode: 1002, httpStatus: 426, logLevel: 'info', expose: false,
    publicMessage: 'Upgrade Required', retry: 'never',
    meaning: 'A plain HTTP request reached a WebSocket endpoint.',
    remedy: 'Connect with a WebSocket client.',
  },
  ERR_TIMEOUT_HEARTBEAT: {
    kind: 'timeout', closeCode: 1006, httpStatus: 408, logLevel: 'info', expose: false,
    publicMessage: 'Heartbeat timeout', retry: 'with-backoff',
    meaning: 'The peer missed a pong; the socket is terminated without a close frame.',
    remedy: 'Answer pings with pongs, and reconnect with backoff.',
  },
  ERR_TIMEOUT_HANDSHAKE: {
    kind: 'timeout', closeCode: 1006, httpStatus: 408, logLevel: 'info', expose: false,
    publicMessage: 'Request Timeout', retry: 'with-backoff',
    meaning: 'The upgrade request did not complete in time, so the socket is destroyed without a response.',
    remedy: 'Complete the upgrade request promptly, and reconnect with backoff.',
  },
  ERR_SERVER_SHUTTING_DOWN: {
    kind: 'unavailable', closeCode: 1001, httpStatus: 503, logLevel: 'info', expose: true,
    publicMessage: 'Server shutting down', retry: 'with-backoff',
    meaning: 'The server is draining before it stops.',
    remedy: 'Reconnect with backoff; the restarted server or another instance accepts.',
  },
  ERR_SERVER_OVERLOADED: {
    kind: 'unavailable', closeCode: 1013, httpStatus: 503, logLevel: 'warn', expose: true,
    publicMessage: 'Server overloaded', retry: 'with-backoff',
    meaning: 'The global connection cap is reached.',
    remedy: 'Reconnect with backoff; operators add capacity.',
  },
  ERR_SERVER_SLOW_CONSUMER: {
    kind: 'unavailable', closeCode: 1013, httpStatus: 503, logLevel: 'warn', expose: true,
    publicMessage: 'Client too slow', retry: 'with-backoff',
    meaning: 'Outbound data queued past the high-water mark because the client does not read.',
    remedy: 'Read messages as fast as they arrive, then reconnect with backoff.',
  },
  ERR_INTERNAL: {
    kind: 'internal', closeCode: 1011, httpStatus: 500, logLevel: 'error', expose: false,
    publicMessage: 'Internal error', retry: 'with-backoff',
    meaning: 'An unexpected server fault; details are only in the server log.',
    remedy: 'Retry with backoff; operators find the cause in the server log.',
  },
  ERR_CONFIG_INVALID: {
    kind: 'config', closeCode: 1011, httpStatus: 500, logLevel: 'error', expose: true,
    publicMessage: 'Invalid configuration', retry: 'with-backoff',
    meaning: 'Configuration is missing or invalid; the service refuses to start.',
    remedy: 'Operators fix the variables that the message names and restart the service.',
  },
} as const;

for (const spec of Object.values(errorRegistry)) Object.freeze(spec);
Object.freeze(errorRegistry);

/** Every error code the toolkit can produce, a closed union that `switch` narrows. */
export type ErrorCode = keyof ValidErrorRegistry<typeof errorRegistry>;
