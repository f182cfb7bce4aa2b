import { runEcho } from './echo-load.js';
import { runIdle } from './idle-load.js';
import type { LoadJob, LoadReply, LoadResult } from './jobs.js';
import { runSetup } from './setup-load.js';

// Entry point of the load process: receives one job over IPC, runs it and
// sends back the result. The orchestrator spawns it pinned to its own CPU.

/** Hard stop for a job that hangs; the orchestrator enforces its own deadline too. */
const MAX_JOB_MS = 5 * 60_000;

function run(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'echo':
      return runEcho(job);
    case 'setup':
      return runSetup(job);
    case 'idle':
      return runIdle(job);
  }
}

function reply(message: LoadReply): void {
  if (!process.send) throw new Error('the load process must be started with an IPC channel');
  process.send(message, () => process.exit(message.ok ? 0 : 1));
}

setTimeout(() => {
  process.stderr.write(`load: job still running after ${MAX_JOB_MS} ms, exiting\n`);
  process.exit(3);
}, MAX_JOB_MS).unref();

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => reply({ ok: true, result }),
    (err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
