import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { LoadJob, LoadReply, LoadResult } from './load/jobs.js';
import { BENCH_ROOT } from './paths.js';
import { limitedCommand } from './server/spawn-limits.js';

/**
 * Runs one job in a fresh load process pinned to `cpu`, so the load generator
 * never competes with the server for a CPU, and resolves with its result.
 *
 * @throws {Error} when the job fails, the process dies, or `timeoutMs` passes.
 */
export async function runLoadJob(job: LoadJob, options: { cpu: number | undefined; timeoutMs: number }): Promise<LoadResult> {
  const command = limitedCommand([process.execPath, `${BENCH_ROOT}dist/load/worker.js`], options.cpu);
  const child = spawn(command.file, command.args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  const replied = new Promise<LoadReply>((resolve) => child.once('message', (message) => resolve(message as LoadReply)));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`load process gave no result within ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  const died = exited.then(([code, signal]) => {
    throw new Error(`load process exited with ${signal ?? `code ${code}`} before reporting`);
  });
  child.send(job);
  try {
    const reply = await Promise.race([replied, timedOut, died]);
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) {
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    died.catch(() => undefined);
  }
}
