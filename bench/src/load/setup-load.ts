import WebSocket from 'ws';
import { mintTokens, openSession, sleep } from './clients.js';
import type { SetupJob, SetupResult } from './jobs.js';
import { LatencyRecorder } from './latency.js';
import { markUsage, usageBetween } from './server-usage.js';

/**
 * Runs `concurrency` lanes that each open a session (upgrade, and the
 * authentication step when the session has one), close it with 1000 and start
 * over. Counts the sessions that became ready inside the window.
 */
export async function runSetup(job: SetupJob): Promise<SetupResult> {
  const tokens = mintTokens(job.session, job.concurrency);
  const latency = new LatencyRecorder();
  let measuring = false;
  let stopping = false;
  let setups = 0;
  let failures = 0;
  let firstFailure: string | undefined;

  const lane = async (index: number): Promise<void> => {
    while (!stopping) {
      const startedAt = performance.now();
      let socket: WebSocket;
      try {
        socket = await openSession(job.server.url, job.session, tokens[index]);
      } catch (err) {
        if (measuring) failures += 1;
        firstFailure ??= (err as Error).message;
        // Back off briefly so a refusing server does not turn this lane into a busy loop.
        await sleep(10);
        continue;
      }
      if (measuring) {
        latency.record(performance.now() - startedAt);
        setups += 1;
      }
      await closeOne(socket);
    }
  };
  const lanes = Array.from({ length: job.concurrency }, (_, index) => lane(index));

  await sleep(job.warmupMs);
  const begin = markUsage(job.server);
  measuring = true;
  await sleep(job.windowMs);
  const end = markUsage(job.server);
  measuring = false;
  stopping = true;
  const usage = usageBetween(job.server, begin, end);
  await Promise.all(lanes);

  return {
    kind: 'setup',
    setups,
    windowMs: end.at - begin.at,
    latencyUs: latency.summary(),
    server: usage.server,
    clientCpuPercent: usage.clientCpuPercent,
    failures,
    firstFailure,
  };
}

async function closeOne(socket: WebSocket): Promise<void> {
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.close(1000);
  const timer = setTimeout(() => socket.terminate(), 2_000);
  await closed;
  clearTimeout(timer);
}
