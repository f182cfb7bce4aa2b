import { z } from 'zod';

// Each helper parses a string from the environment. Failures carry a fixed
// `expected` text in `params`, which loadConfig prints instead of zod's message.
function expecting(expected: string) {
  return { params: { expected } };
}

/** Options for {@link integer}. */
export interface IntegerOptions {
  min?: number;
  max?: number;
}

/**
 * A base-10 integer within bounds; rejects `1e309`, `0x10`, `1.5` and blanks.
 *
 * @example
 * integer({ min: 0, max: 300 }) // "30" -> 30
 */
export function integer({ min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: IntegerOptions = {}): z.ZodType<number, string | undefined> {
  const expected = `an integer from ${min} to ${max}`;
  return z
    .string()
    .refine((text) => /^-?\d{1,16}$/.test(text.trim()), expecting(expected))
    .transform((text) => Number(text.trim()))
    .refine((value) => Number.isSafeInteger(value) && value >= min && value <= max, expecting(expected)) as never;
}

/** A TCP port, 0 to 65535; 0 asks the system for a free port. */
export function port(): z.ZodType<number, string | undefined> {
  return integer({ min: 0, max: 65_535 });
}

/** `true`/`false`/`1`/`0`, nothing else. */
export function boolean(): z.ZodType<boolean, string | undefined> {
  return z
    .string()
    .refine((text) => ['true', 'false', '1', '0'].includes(text), expecting('true, false, 1 or 0'))
    .transform((text) => text === 'true' || text === '1') as never;
}

const durationUnits: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A duration such as `500ms`, `30s`, `15m` or `2h`, returned in milliseconds. */
export function duration(): z.ZodType<number, string | undefined> {
  const expected = 'a duration such as 500ms, 30s, 15m or 2h';
  return z
    .string()
    .refine((text) => /^\d{1,9}(ms|s|m|h)$/.test(text.trim()), expecting(expected))
    .transform((text) => {
      const match = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
      return Number(match?.[1]) * (durationUnits[match?.[2] ?? 'ms'] ?? 1);
    }) as never;
}

const byteUnits: Readonly<Record<string, number>> = { B: 1, KiB: 1_024, MiB: 1_048_576, GiB: 1_073_741_824 };

/** A byte size such as `512B`, `64KiB` or `1MiB` (or a bare number of bytes), in bytes. */
export function bytes(): z.ZodType<number, string | undefined> {
  const expected = 'a size such as 512B, 64KiB or 1MiB';
  return z
    .string()
    .refine((text) => /^\d{1,12}(B|KiB|MiB|GiB)?$/.test(text.trim()), expecting(expected))
    .transform((text) => {
      const match = /^(\d+)(B|KiB|MiB|GiB)?$/.exec(text.trim());
      return Number(match?.[1]) * (byteUnits[match?.[2] ?? 'B'] ?? 1);
    }) as never;
}

/** A comma-separated list; blank items are dropped. */
export function list(): z.ZodType<string[], string | undefined> {
  return z.string().transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  ) as never;
}
