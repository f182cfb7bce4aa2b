import { z } from 'zod';
import { expecting } from '../internal/expected.js';

/** Bounds for {@link duration} (in milliseconds) and {@link bytes} (in bytes). */
export interface RangeOptions {
  /** Smallest accepted value; 0 by default. */
  min?: number;
  /** Largest accepted value; `Number.MAX_SAFE_INTEGER` by default. */
  max?: number;
}

const durationUnits: ReadonlyMap<string, number> = new Map([
  ['ms', 1],
  ['s', 1_000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
]);

const byteUnits: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['B', 1],
  ['KiB', 1_024],
  ['MiB', 1_048_576],
  ['GiB', 1_073_741_824],
]);

/**
 * Returns a schema for a duration such as `500ms`, `30s`, `15m`, `2h` or `1d`,
 * which outputs milliseconds. A unit is required, so a bare `30` is rejected.
 *
 * @example
 * z.object({ HEARTBEAT_INTERVAL: duration({ min: 1_000 }).default(30_000) });
 */
export function duration(range: RangeOptions = {}): z.ZodType<number, string | undefined> {
  return withUnit(/^(\d{1,9})(ms|s|m|h|d)$/, durationUnits, 'a duration such as 500ms, 30s, 15m, 2h or 1d', range, 'ms');
}

/**
 * Returns a schema for a byte size such as `512B`, `64KiB`, `1MiB` or `1GiB`,
 * or a bare number of bytes, which outputs bytes. Units are binary, so 1 KiB
 * is 1,024 bytes.
 *
 * @example
 * z.object({ MAX_PAYLOAD: bytes({ min: 1, max: 16 * 1_048_576 }).default(65_536) });
 */
export function bytes(range: RangeOptions = {}): z.ZodType<number, string | undefined> {
  return withUnit(/^(\d{1,12})(B|KiB|MiB|GiB)?$/, byteUnits, 'a size such as 512B, 64KiB or 1MiB', range, 'bytes');
}

function withUnit(
  pattern: RegExp,
  units: ReadonlyMap<string, number>,
  description: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: RangeOptions,
  unitName: string,
): z.ZodType<number, string | undefined> {
  const bounded = min > 0 || max < Number.MAX_SAFE_INTEGER;
  const expected = bounded ? `${description}, from ${min} to ${max} ${unitName}` : description;
  return z
    .string()
    .refine((text) => pattern.test(text.trim()), expecting(expected))
    .transform((text) => {
      const match = pattern.exec(text.trim());
      return Number(match?.[1]) * (units.get(match?.[2] ?? '') ?? Number.NaN);
    })
    .refine((value) => Number.isSafeInteger(value) && value >= min && value <= max, expecting(expected)) as never;
}
