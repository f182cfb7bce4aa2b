import { readMemory } from '../proc-stats.js';
import { closeAll, mintTokens, openMany, sleep } from './clients.js';
import type { IdleJob, IdleResult } from './jobs.js';

/**
 * Opens `connections` sessions and holds them without traffic, then reads
 * the server's resident memory; the difference to the reading before the
 * first connection is what the connections cost.
 */
export async function runIdle(job: IdleJob): Promise<IdleResult> {
  const tokens = mintTokens(job.session, job.connections);
  const rssBefore = readMemory(job.server.pid).rssBytes;
  const startedAt = performance.now();
  const opened = await openMany(job.server.url, job.session, {
    count: job.connections,
    concurrency: job.concurrency,
    tokens,
    deadline: Date.now() + 120_000,
  });
  const openMs = performance.now() - startedAt;
  await sleep(job.settleMs);
  const rssAfter = readMemory(job.server.pid).rssBytes;
  await closeAll(opened.sockets, 1_000);
  return {
    kind: 'idle',
    requested: job.connections,
    opened: opened.sockets.length,
    failures: opened.failures,
    firstFailure: opened.firstFailure,
    openMs,
    rssBeforeBytes: rssBefore,
    rssAfterBytes: rssAfter,
  };
}
