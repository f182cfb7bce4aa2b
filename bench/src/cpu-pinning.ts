import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Which CPU the server and the load generator run on; `undefined` when not pinned. */
export interface CpuPlan {
  serverCpu: number | undefined;
  loadCpu: number | undefined;
  /** Why the processes are not pinned, when they are not. */
  note?: string;
}

/** Puts the server on CPU 0 and the load generator on CPU 1 when `taskset` and two CPUs exist. */
export function planCpus(): CpuPlan {
  if (availableParallelism() < 2) {
    return { serverCpu: undefined, loadCpu: undefined, note: 'one CPU only, so server and load share it' };
  }
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
  } catch {
    return { serverCpu: undefined, loadCpu: undefined, note: 'taskset not found, so processes are not pinned' };
  }
  return { serverCpu: 0, loadCpu: 1 };
}

/** Prefixes a command with `taskset -c <cpu>`; taskset execs it, so the pid stays the same. */
export function pinnedCommand(argv: readonly string[], cpu: number | undefined): string[] {
  return cpu === undefined ? [...argv] : ['taskset', '-c', String(cpu), ...argv];
}

/** Moves every thread of the current process to one CPU. */
export function pinCurrentProcess(cpu: number | undefined): void {
  if (cpu === undefined) return;
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
}
