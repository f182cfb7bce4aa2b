import type { ErrorSpec } from '../spec.js';

/** Shape of an error code: `ERR_<AREA>_<PROBLEM>` in upper case. */
export type ErrorCodeShape = `ERR_${Uppercase<string>}`;

/** Type every registry entry must satisfy: each mapping filled in. */
export type ErrorRegistryShape = Readonly<Record<ErrorCodeShape, ErrorSpec>>;

/**
 * Resolves to `T` when every entry of `T` fills every mapping and every key is
 * shaped like a code; otherwise fails to compile. The key check is separate
 * because a non-fresh object may carry keys an index signature does not match.
 */
export type ValidErrorRegistry<
  T extends ErrorRegistryShape & { readonly [K in Exclude<keyof T, ErrorCodeShape>]: never },
> = T;
