import { readFileSync, readdirSync } from 'node:fs';

/** Resource use of a process, read from Linux's `/proc`. */
export interface ProcessStats {
  /** Open file descriptors, sockets included. */
  readonly openFiles: number;
  /** Resident set size in bytes. */
  readonly residentBytes: number;
}

/**
 * Reads the open descriptors and resident memory of a process from `/proc`.
 * Returns undefined where `/proc` is missing (not Linux) or the process is gone.
 */
export function readProcessStats(pid: number): ProcessStats | undefined {
  try {
    const openFiles = readdirSync(`/proc/${pid}/fd`).length;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return { openFiles, residentBytes: rss ? Number(rss[1]) * 1024 : 0 };
  } catch {
    return undefined;
  }
}

/** Tells whether a process with this id exists, without signalling it. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
