import { type ErrorReply, toErrorReply } from '@proj/errors';
import { type MessageErrorDetails, readDetails } from '../internal/error-details.js';
import type { ClientIssue } from './client-issues.js';

export type { MessageErrorDetails } from '../internal/error-details.js';

/** The error reply of the message protocol, with client-safe issues when there are any. */
export interface MessageErrorReply extends ErrorReply {
  /** Up to five client-safe issues; absent when there are none. */
  readonly issues?: readonly ClientIssue[];
}

/**
 * Returns the issues and request id recorded for an error thrown by a
 * protocol's `parse` or `validate`, or undefined for any other value.
 *
 * @example
 * const issues = detailsOf(err)?.issues ?? [];
 */
export function detailsOf(error: unknown): MessageErrorDetails | undefined {
  return readDetails(error);
}

/**
 * Builds the `{ type: 'error', code, message, requestId?, issues? }` reply for
 * anything thrown while handling a message. It adds the client-safe issues and
 * the message's own request id to `toErrorReply` of `@proj/errors`; a
 * `requestId` argument takes precedence. No received value is included.
 *
 * @example
 * try {
 *   dispatcher.dispatch(protocol.parse(text), connection);
 * } catch (err) {
 *   connection.send(JSON.stringify(toMessageErrorReply(err)));
 * }
 */
export function toMessageErrorReply(error: unknown, requestId?: string): MessageErrorReply {
  const details = detailsOf(error);
  const reply: MessageErrorReply = toErrorReply(error, requestId ?? details?.requestId);
  if (details?.issues === undefined || details.issues.length === 0) return reply;
  return { ...reply, issues: details.issues };
}
