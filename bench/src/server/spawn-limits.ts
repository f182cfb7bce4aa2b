import { pinnedCommand } from '../cpu-pinning.js';

/** Open files wanted in every spawned process: enough for 19,000 sockets and some files. */
export const WANTED_OPEN_FILES = 20_000;

/**
 * Wraps a command in `sh -c` that raises the soft open-files limit (to the hard
 * limit when that is lower) and execs the command pinned to `cpu`. Both `sh`
 * and `taskset` exec, so the spawned pid ends up being the command's own.
 */
export function limitedCommand(argv: readonly string[], cpu: number | undefined): { file: string; args: string[] } {
  const script = `ulimit -n ${WANTED_OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"`;
  return { file: '/bin/sh', args: ['-c', script, 'bench-spawn', ...pinnedCommand(argv, cpu)] };
}
