import { z } from 'zod';

/** Longest accepted email address: the 254 characters that fit an SMTP path (RFC 5321). */
export const MAX_EMAIL_LENGTH = 254;
/** Longest accepted user id, in characters. */
export const MAX_USER_ID_LENGTH = 128;
/** Longest accepted channel or topic name, in characters. */
export const MAX_CHANNEL_NAME_LENGTH = 64;
/** Longest accepted request id, in characters; the error reply keeps as many. */
export const MAX_REQUEST_ID_LENGTH = 64;

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;

// Each length check aborts the chain, so no pattern runs on oversized input.
const emailSchema = z.string().max(MAX_EMAIL_LENGTH, { abort: true }).pipe(z.email());
const userIdSchema = z
  .string()
  .min(1)
  .max(MAX_USER_ID_LENGTH, { abort: true })
  .regex(/^[\x21-\x7e]+$/, 'expected printable ASCII without spaces');
const channelNameSchema = z
  .string()
  .min(1)
  .max(MAX_CHANNEL_NAME_LENGTH, { abort: true })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'expected letters, digits and . _ : / -');
const requestIdSchema = z
  .string()
  .min(1)
  .max(MAX_REQUEST_ID_LENGTH, { abort: true })
  .regex(REQUEST_ID_PATTERN, 'expected letters, digits and . _ : -');

/**
 * Returns a schema for an email address of at most 254 characters. The length
 * is checked first, so zod's email pattern never runs on longer input.
 *
 * @example
 * z.object({ email: email() }).parse({ email: 'ada@example.com' });
 */
export function email(): z.ZodPipe<z.ZodString, z.ZodEmail> {
  return emailSchema;
}

/**
 * Returns a schema for a user id of 1 to 128 printable ASCII characters
 * without spaces, which covers numeric ids, UUIDs and `provider|id` JWT subjects.
 *
 * @example
 * z.object({ userId: userId() });
 */
export function userId(): z.ZodString {
  return userIdSchema;
}

/**
 * Returns a schema for a channel or topic name of 1 to 64 letters, digits and
 * `. _ : / -`, starting with a letter or digit.
 *
 * @example
 * z.object({ channel: channelName() }).parse({ channel: 'rooms/lobby' });
 */
export function channelName(): z.ZodString {
  return channelNameSchema;
}

/**
 * Returns a schema for a client-chosen request id that replies echo: 1 to 64
 * letters, digits and `. _ : -`, so a UUID or a counter fits.
 *
 * @example
 * z.object({ requestId: requestId().optional() });
 */
export function requestId(): z.ZodString {
  return requestIdSchema;
}

/**
 * Tells whether a value passes {@link requestId}, without building an error.
 *
 * @example
 * const id = isRequestId(value.requestId) ? value.requestId : undefined;
 */
export function isRequestId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_REQUEST_ID_LENGTH &&
    REQUEST_ID_PATTERN.test(value)
  );
}
