import type { z } from 'zod';

/** One validation problem in a form safe to send to the client that caused it. */
export interface ClientIssue {
  /** Location of the problem as object keys (truncated) and array indexes, outermost first. */
  readonly path: readonly (string | number)[];
  /** The zod 4 issue code, such as `invalid_type` or `too_big`. */
  readonly code: string;
  /** A fixed message for the code; it never contains the received value. */
  readonly message: string;
}

/** Most issues kept in a client reply; further issues are dropped. */
export const MAX_CLIENT_ISSUES = 5;

/** Most path segments kept per issue, counted from the outermost. */
export const MAX_ISSUE_PATH_SEGMENTS = 8;

/** Longest path segment kept, in UTF-16 code units; longer keys are cut. */
export const MAX_ISSUE_PATH_SEGMENT_LENGTH = 32;

// Fixed texts, because zod's own messages can quote the received value.
const messageByCode: ReadonlyMap<string, string> = new Map([
  ['invalid_type', 'Invalid type'],
  ['too_big', 'Too big or too long'],
  ['too_small', 'Too small or too short'],
  ['invalid_format', 'Invalid format'],
  ['not_multiple_of', 'Not a multiple of the required step'],
  ['unrecognized_keys', 'Unrecognized key'],
  ['invalid_union', 'Matches none of the allowed shapes'],
  ['invalid_key', 'Invalid key'],
  ['invalid_element', 'Invalid element'],
  ['invalid_value', 'Not one of the allowed values'],
  ['custom', 'Invalid value'],
]);

/**
 * Turns zod issues into at most {@link MAX_CLIENT_ISSUES} client-safe issues:
 * path, code and a fixed message, with no received value.
 *
 * @example
 * const result = schema.safeParse(value);
 * if (!result.success) reply({ issues: toClientIssues(result.error.issues) });
 */
export function toClientIssues(issues: readonly z.core.$ZodIssue[]): ClientIssue[] {
  const count = Math.min(issues.length, MAX_CLIENT_ISSUES);
  const result: ClientIssue[] = [];
  for (let index = 0; index < count; index++) {
    const issue = issues[index] as z.core.$ZodIssue;
    result.push(clientIssue(issue.path, issue.code));
  }
  return result;
}

/**
 * Builds one client-safe issue from a path and a zod issue code, for checks
 * made outside zod. An unknown code becomes `custom`.
 *
 * @example
 * clientIssue(['type'], 'invalid_type'); // { path: ['type'], code: 'invalid_type', message: 'Invalid type' }
 */
export function clientIssue(path: readonly PropertyKey[], code: string): ClientIssue {
  return {
    path: path.slice(0, MAX_ISSUE_PATH_SEGMENTS).map(toSegment),
    code: messageByCode.has(code) ? code : 'custom',
    message: messageByCode.get(code) ?? 'Invalid value',
  };
}

function toSegment(segment: PropertyKey): string | number {
  if (typeof segment === 'number') return segment;
  if (typeof segment === 'symbol') return '(symbol)';
  if (segment.length <= MAX_ISSUE_PATH_SEGMENT_LENGTH) return segment;
  let end = MAX_ISSUE_PATH_SEGMENT_LENGTH;
  // Do not leave half of a surrogate pair at the end.
  const last = segment.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${segment.slice(0, end)}…`;
}
