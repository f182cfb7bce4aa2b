import { truncateText } from '../untrusted.js';

/** Limits applied by {@link serializeError}. */
export interface ErrorSerializerLimits {
  /** Longest `message` kept, in characters. */
  readonly messageChars: number;
  /** Lines of `stack` kept, the first line included. */
  readonly stackLines: number;
  /** Longest `stack` kept after the line limit, in characters. */
  readonly stackChars: number;
  /** Causes followed below the logged error. */
  readonly causeDepth: number;
  /** Errors serialized in total, causes and `AggregateError` members included. */
  readonly totalErrors: number;
}

/** The limits {@link serializeError} applies. */
export const ERROR_SERIALIZER_LIMITS: ErrorSerializerLimits = Object.freeze({
  messageChars: 1_000,
  stackLines: 12,
  stackChars: 4_000,
  causeDepth: 5,
  totalErrors: 16,
});

/** The shape {@link serializeError} writes under `err`. */
export interface SerializedError {
  /** `name` of the error, or the `typeof` of a thrown non-object. */
  type: string;
  /** `code` when it is a string, such as `ERR_AUTH_TOKEN_INVALID` or `ECONNRESET`. */
  code?: string;
  message: string;
  stack?: string;
  /** The `cause`, or `[circular]` when it was already serialized above. */
  cause?: SerializedError | '[circular]';
  /** The first members of an `AggregateError`. */
  errors?: Array<SerializedError | '[circular]'>;
}

/**
 * Serializes anything thrown into `{ type, code, message, stack, cause }`
 * with bounded lengths and a bounded, cycle-safe cause chain. It never
 * throws, even for proxies or objects whose getters throw, and never calls
 * `toString` on the value.
 *
 * @example
 * const log = pino({ serializers: { err: serializeError } });
 */
export function serializeError(value: unknown): SerializedError {
  const budget = { remaining: ERROR_SERIALIZER_LIMITS.totalErrors };
  return serializeOne(value, new Set<object>(), 0, budget);
}

function serializeOne(value: unknown, seen: Set<object>, depth: number, budget: { remaining: number }): SerializedError {
  budget.remaining -= 1;
  if (typeof value !== 'object' || value === null) return describePrimitive(value);
  seen.add(value);

  const name = readString(value, 'name');
  const message = readString(value, 'message');
  const code = readString(value, 'code');
  const stack = readString(value, 'stack');
  const result: SerializedError = {
    type: name === undefined ? 'object' : truncateText(name, 100),
    message: message === undefined ? '' : truncateText(message, ERROR_SERIALIZER_LIMITS.messageChars),
  };
  if (code !== undefined) result.code = truncateText(code, 100);
  if (stack !== undefined) result.stack = boundStack(stack);

  const follow = (next: unknown): SerializedError | '[circular]' | undefined => {
    if (next === undefined || depth >= ERROR_SERIALIZER_LIMITS.causeDepth || budget.remaining <= 0) return undefined;
    if (typeof next === 'object' && next !== null && seen.has(next)) return '[circular]';
    return serializeOne(next, seen, depth + 1, budget);
  };
  const cause = follow(read(value, 'cause'));
  if (cause !== undefined) result.cause = cause;

  const members = read(value, 'errors');
  if (Array.isArray(members)) {
    const errors: Array<SerializedError | '[circular]'> = [];
    for (const member of members.slice(0, 5)) {
      const serialized = follow(member);
      if (serialized !== undefined) errors.push(serialized);
    }
    if (errors.length > 0) result.errors = errors;
  }
  return result;
}

function describePrimitive(value: unknown): SerializedError {
  if (typeof value === 'string') return { type: 'string', message: truncateText(value, ERROR_SERIALIZER_LIMITS.messageChars) };
  if (typeof value === 'function' || typeof value === 'symbol') return { type: typeof value, message: '' };
  return { type: value === null ? 'null' : typeof value, message: String(value) };
}

function boundStack(stack: string): string {
  const lines = stack.split('\n', ERROR_SERIALIZER_LIMITS.stackLines + 1);
  const kept = lines.slice(0, ERROR_SERIALIZER_LIMITS.stackLines).join('\n');
  const marked = lines.length > ERROR_SERIALIZER_LIMITS.stackLines ? `${kept}\n    …` : kept;
  return truncateText(marked, ERROR_SERIALIZER_LIMITS.stackChars);
}

// Property reads can run getters or proxy traps, and either may throw.
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function readString(value: object, key: string): string | undefined {
  const found = read(value, key);
  return typeof found === 'string' ? found : undefined;
}
