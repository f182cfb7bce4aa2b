import { fileURLToPath } from 'node:url';

// Compiled files live in bench/dist/, so both roots are fixed relative to it.

/** Absolute path of the bench package folder, with a trailing slash. */
export const BENCH_ROOT: string = fileURLToPath(new URL('../', import.meta.url));

/** Absolute path of the repository root, with a trailing slash. */
export const REPO_ROOT: string = fileURLToPath(new URL('../../', import.meta.url));
