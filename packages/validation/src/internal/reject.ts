import { type ErrorCode, type ProjError, type ProjErrorOptions, createError } from '@proj/errors';

/**
 * Creates the error for rejected client input without a stack trace. Such a
 * stack always points at the same parsing code, and capturing it dominates
 * the cost of a rejection, which a flood of bad messages pays per message.
 * secure-json-parse 4 lowers `Error.stackTraceLimit` around its parse the same way.
 */
export function reject<C extends ErrorCode>(code: C, message: string, options?: ProjErrorOptions): ProjError<C> {
  const { stackTraceLimit } = Error;
  Error.stackTraceLimit = 0;
  try {
    return createError(code, message, options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
