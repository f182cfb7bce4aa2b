import type { ProjError } from '@proj/errors';
import type { ClientIssue } from '../message/client-issues.js';

/** Details that a message error adds to the generic reply. */
export interface MessageErrorDetails {
  /** Client-safe validation issues, for `ERR_VALIDATION_SCHEMA` and a message that is not an object. */
  readonly issues?: readonly ClientIssue[];
  /** The message's own `requestId`, kept only when it has the `requestId()` format. */
  readonly requestId?: string | undefined;
}

// Details live beside the error instead of on it, so errors created by
// @proj/errors keep their shape and a logged error carries no extra fields.
const detailsByError = new WeakMap<object, MessageErrorDetails>();

/** Records details for an error this package created, and returns the error. */
export function attachDetails<E extends ProjError>(error: E, details: MessageErrorDetails): E {
  detailsByError.set(error, details);
  return error;
}

/** Returns the details recorded for an error, if any. */
export function readDetails(error: unknown): MessageErrorDetails | undefined {
  return typeof error === 'object' && error !== null ? detailsByError.get(error) : undefined;
}
