import { setTimeout as sleep } from 'node:timers/promises';
import type { CpuPlan } from './cpu-pinning.js';
import { runLoadJob } from './load-process.js';
import type { LoadResult } from './load/jobs.js';
import type { RunOutcome, ScenarioRecord } from './results.js';
import type { Scenario, Timing, Variant } from './scenarios.js';
import { startServer } from './server/server-process.js';
import type { ServerTarget, TargetContext, TargetId } from './server/targets.js';

/** Settings and collaborators of {@link runScenarios}. */
export interface RunContext {
  timing: Timing;
  targets: Record<TargetId, ServerTarget>;
  targetContext: TargetContext;
  cpus: CpuPlan;
  progress(line: string): void;
}

/**
 * Runs every variant of every scenario `timing.runs` times. Runs are
 * interleaved (run 1 of every variant, then run 2, ...) and each run starts at
 * a different variant, so a noisy neighbour hits all servers alike. Every
 * measurement gets a fresh server process.
 */
export async function runScenarios(scenarios: readonly Scenario[], context: RunContext): Promise<ScenarioRecord[]> {
  const records: ScenarioRecord[] = [];
  for (const scenario of scenarios) {
    const runs: RunOutcome[][] = scenario.variants.map(() => []);
    for (let run = 0; run < context.timing.runs; run += 1) {
      for (let step = 0; step < scenario.variants.length; step += 1) {
        const index = (step + run) % scenario.variants.length;
        const variant = scenario.variants[index] as Variant;
        const outcome = await measure(scenario, variant, run, context);
        runs[index]?.push(outcome);
        context.progress(`${scenario.id} run ${run + 1}/${context.timing.runs} ${variant.name}: ${describe(outcome)}`);
      }
    }
    records.push({
      id: scenario.id,
      kind: scenario.kind,
      title: scenario.title,
      parameters: scenario.parameters,
      variants: scenario.variants.map((variant, index) => ({
        name: variant.name,
        target: variant.target,
        baseline: variant.baseline,
        runs: runs[index] ?? [],
      })),
    });
  }
  return records;
}

async function measure(scenario: Scenario, variant: Variant, run: number, context: RunContext): Promise<RunOutcome> {
  const runLabel = `${scenario.id}-${variant.target}-${run + 1}`;
  let server;
  try {
    server = await startServer(context.targets[variant.target], {
      context: context.targetContext,
      profile: scenario.kind === 'echo' ? 'throughput' : 'connections',
      cpu: context.cpus.serverCpu,
      runLabel,
    });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  try {
    const { warmupMs, windowMs, settleMs, startIdleMs } = context.timing;
    if (scenario.kind === 'echo' && startIdleMs > 0) await sleep(startIdleMs);
    const job = variant.job({ url: server.url, pid: server.pid, logFile: server.logFile });
    const timeoutMs = job.kind === 'idle' ? 180_000 + settleMs : warmupMs + windowMs + 90_000;
    const result = await runLoadJob(job, { cpu: context.cpus.loadCpu, timeoutMs });
    return { ok: true, result };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    await server.stop(3_000);
  }
}

function describe(outcome: RunOutcome): string {
  if (!outcome.ok) return `failed: ${outcome.error}`;
  return describeResult(outcome.result);
}

function describeResult(result: LoadResult): string {
  const perSecond = (count: number, ms: number): string => Math.round((count * 1000) / ms).toLocaleString('en-US');
  switch (result.kind) {
    case 'echo':
      if (result.messages === 0) return `no replies in the window (${result.firstFailure ?? 'no failure seen'})`;
      return (
        `${perSecond(result.messages, result.windowMs)} msg/s, p99 ${Math.round(result.latencyUs.p99)} µs, ` +
        `${((result.server.cpuMs * 1000) / Math.max(1, result.messages)).toFixed(2)} µs CPU/msg, client CPU ${Math.round(result.clientCpuPercent)}%` +
        (result.badReplies + result.lostConnections > 0 ? `, ${result.badReplies} bad replies, ${result.lostConnections} lost (${result.firstFailure})` : '')
      );
    case 'setup':
      return (
        `${perSecond(result.setups, result.windowMs)} setups/s, p99 ${Math.round(result.latencyUs.p99)} µs` +
        (result.failures > 0 ? `, ${result.failures} failures (${result.firstFailure})` : '')
      );
    case 'idle':
      return (
        `${result.opened}/${result.requested} open, ` +
        `${Math.round((result.rssAfterBytes - result.rssBeforeBytes) / Math.max(1, result.opened))} B RSS/connection` +
        (result.failures > 0 ? `, ${result.failures} failures (${result.firstFailure})` : '')
      );
  }
}
