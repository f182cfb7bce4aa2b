import { z } from 'zod';
import { expecting } from '../internal/expected.js';

/** Options for {@link integer}. */
export interface IntegerOptions {
  /** Smallest accepted value; `Number.MIN_SAFE_INTEGER` by default. */
  min?: number;
  /** Largest accepted value; `Number.MAX_SAFE_INTEGER` by default. */
  max?: number;
}

/**
 * Returns a schema for a base-10 integer from `min` to `max`. It rejects
 * `1e309`, `0x10`, `1.5`, `abc`, blanks and values out of range, and ignores
 * spaces around the digits.
 *
 * @example
 * loadConfig(z.object({ JWT_CLOCK_TOLERANCE: integer({ min: 0, max: 300 }).default(0) }), process.env);
 */
export function integer({ min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: IntegerOptions = {}): z.ZodType<
  number,
  string | undefined
> {
  const expected = `an integer from ${min} to ${max}`;
  return z
    .string()
    .refine((text) => /^-?\d{1,16}$/.test(text.trim()), expecting(expected))
    .transform((text) => Number(text.trim()))
    .refine((value) => Number.isSafeInteger(value) && value >= min && value <= max, expecting(expected)) as never;
}

/**
 * Returns a schema for a TCP port from 0 to 65535, where 0 requests a free
 * port from the system.
 *
 * @example
 * z.object({ PORT: port().default(8765) });
 */
export function port(): z.ZodType<number, string | undefined> {
  return integer({ min: 0, max: 65_535 });
}
