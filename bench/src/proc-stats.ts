import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of `utime` and `stime` in `/proc/<pid>/stat`. */
export const CLOCK_TICKS_PER_SECOND: number = readClockTicks();

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    // USER_HZ is 100 on every mainstream Linux architecture.
    return 100;
  }
}

/**
 * Reads the CPU time a process has used so far, user plus system, summed over
 * all its threads (GC and libuv helpers included), in milliseconds.
 */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses, so fields are
  // counted from the last ')'. utime and stime are fields 14 and 15 of stat(5).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of a process from `/proc/<pid>/status`. */
export interface MemorySample {
  /** Current resident set size (VmRSS) in bytes. */
  rssBytes: number;
  /** Peak resident set size (VmHWM) in bytes. */
  peakRssBytes: number;
}

/** Reads the current and peak resident set size of a process. */
export function readMemory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssBytes: readKibField(status, 'VmRSS') * 1024, peakRssBytes: readKibField(status, 'VmHWM') * 1024 };
}

function readKibField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${name} line`);
  return Number(match[1]);
}

/** Reads the executable name of a process (`comm`), to check what a pid runs. */
export function readCommand(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}
