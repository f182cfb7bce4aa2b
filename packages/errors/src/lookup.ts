import { type ErrorCode, errorRegistry } from './codes.js';
import type { ErrorKind, ErrorSpec } from './spec.js';

/** Error codes of one {@link ErrorKind}, for typing the subclass of that kind. */
export type CodeOfKind<K extends ErrorKind> = {
  [C in ErrorCode]: (typeof errorRegistry)[C]['kind'] extends K ? C : never;
}[ErrorCode];

/**
 * Every registered code, in registry order.
 *
 * @example
 * for (const code of errorCodes) console.log(code, errorRegistry[code].closeCode);
 */
export const errorCodes: readonly ErrorCode[] = Object.freeze(Object.keys(errorRegistry) as ErrorCode[]);

/**
 * Tells whether a value is a registered error code. Only own keys of the
 * registry count, so `__proto__` or `toString` are not codes.
 *
 * @example
 * if (isErrorCode(body.code)) console.log(errorRegistry[body.code].retry);
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorRegistry, value);
}

/**
 * Returns the registry entry of a code.
 *
 * @example
 * specOf('ERR_RATE_LIMITED').httpStatus; // 429
 */
export function specOf(code: ErrorCode): ErrorSpec {
  return errorRegistry[code];
}
