import { z } from 'zod';
import { expecting } from '../internal/expected.js';

/**
 * Returns a schema for a boolean written as `true`, `false`, `1` or `0`.
 * Anything else, such as `yes` or `TRUE`, is rejected rather than guessed.
 *
 * @example
 * z.object({ TRUST_PROXY: boolean().default(false) });
 */
export function boolean(): z.ZodType<boolean, string | undefined> {
  return z
    .string()
    .refine((text) => text === 'true' || text === 'false' || text === '1' || text === '0', expecting('true, false, 1 or 0'))
    .transform((text) => text === 'true' || text === '1') as never;
}

/** Options for {@link list}. */
export interface ListOptions<T> {
  /** Schema of each trimmed item; any string by default. */
  item?: z.ZodType<T>;
  /** Maximum number of items; 100 by default. */
  maxItems?: number;
}

/**
 * Returns a schema for a comma-separated list. Items are trimmed and blank
 * items dropped, then each is checked against `item`.
 *
 * @example
 * z.object({ ALLOWED_ORIGINS: list({ item: url({ protocols: ['https:'] }) }).default([]) });
 */
export function list<T = string>({ item, maxItems = 100 }: ListOptions<T> = {}): z.ZodType<T[], string | undefined> {
  const items = z.array((item ?? z.string()) as z.ZodType<T, string>).max(maxItems);
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(items) as never;
}
