import type { EchoResult, IdleResult, LoadResult, SetupResult } from '../load/jobs.js';
import type { VariantRecord } from '../results.js';
import { type Spread, spreadOf } from './spread.js';

/** A number taken from each run's result. */
export interface Metric<R extends LoadResult> {
  key: string;
  /** Column heading in the report. */
  heading: string;
  /** Digits after the decimal point in the report. */
  digits: number;
  read(result: R): number;
}

const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

/** Columns of the echo tables. */
export const ECHO_METRICS: readonly Metric<EchoResult>[] = [
  { key: 'messagesPerSecond', heading: 'msg/s', digits: 0, read: (r) => perSecond(r.messages, r.windowMs) },
  { key: 'p50', heading: 'p50 µs', digits: 0, read: (r) => r.latencyUs.p50 },
  { key: 'p99', heading: 'p99 µs', digits: 0, read: (r) => r.latencyUs.p99 },
  { key: 'p999', heading: 'p99.9 µs', digits: 0, read: (r) => r.latencyUs.p999 },
  { key: 'cpuPerMessage', heading: 'server CPU µs/msg', digits: 2, read: (r) => (r.server.cpuMs * 1000) / r.messages },
  { key: 'rss', heading: 'RSS MiB', digits: 0, read: (r) => r.server.rssBytes / 2 ** 20 },
  { key: 'logBytesPerMessage', heading: 'log B/msg', digits: 2, read: (r) => (r.server.logBytes ?? Number.NaN) / r.messages },
  { key: 'clientCpu', heading: 'load CPU %', digits: 0, read: (r) => r.clientCpuPercent },
];

/** Columns of the connection setup table. */
export const SETUP_METRICS: readonly Metric<SetupResult>[] = [
  { key: 'setupsPerSecond', heading: 'setups/s', digits: 0, read: (r) => perSecond(r.setups, r.windowMs) },
  { key: 'p50', heading: 'p50 µs', digits: 0, read: (r) => r.latencyUs.p50 },
  { key: 'p99', heading: 'p99 µs', digits: 0, read: (r) => r.latencyUs.p99 },
  { key: 'cpuPerSetup', heading: 'server CPU µs/setup', digits: 1, read: (r) => (r.server.cpuMs * 1000) / r.setups },
  { key: 'logBytesPerSetup', heading: 'log B/setup', digits: 0, read: (r) => (r.server.logBytes ?? Number.NaN) / r.setups },
  { key: 'clientCpu', heading: 'load CPU %', digits: 0, read: (r) => r.clientCpuPercent },
];

/** Columns of the idle connections table. */
export const IDLE_METRICS: readonly Metric<IdleResult>[] = [
  { key: 'opened', heading: 'open', digits: 0, read: (r) => r.opened },
  { key: 'rssPerConnection', heading: 'RSS B/connection', digits: 0, read: (r) => (r.rssAfterBytes - r.rssBeforeBytes) / r.opened },
  { key: 'rssAfter', heading: 'RSS MiB', digits: 0, read: (r) => r.rssAfterBytes / 2 ** 20 },
  { key: 'openSeconds', heading: 'open time s', digits: 1, read: (r) => r.openMs / 1000 },
];

/**
 * Summarizes one metric over a variant's valid runs. An echo run that lost
 * a connection or got a wrong reply, and an idle run that could not open every
 * connection, are left out, because their server did not do the same work as
 * the others.
 */
export function metricSpread<R extends LoadResult>(variant: VariantRecord, kind: R['kind'], metric: Metric<R>): Spread | undefined {
  const values: number[] = [];
  for (const run of variant.runs) {
    if (!run.ok || run.result.kind !== kind) continue;
    if (!isComplete(run.result)) continue;
    values.push(metric.read(run.result as R));
  }
  return spreadOf(values);
}

function isComplete(result: LoadResult): boolean {
  if (result.kind === 'echo') return result.lostConnections === 0 && result.badReplies === 0 && result.messages > 0;
  if (result.kind === 'idle') return result.opened === result.requested;
  return result.setups > 0;
}

/** Lists the problems of a variant's runs: failures, lost connections and wrong replies. */
export function runProblems(variant: VariantRecord): string[] {
  const problems: string[] = [];
  variant.runs.forEach((run, index) => {
    if (!run.ok) {
      problems.push(`run ${index + 1} failed: ${run.error}`);
      return;
    }
    const result = run.result;
    if (result.kind === 'echo' && result.badReplies + result.lostConnections + result.skippedSends > 0) {
      problems.push(
        `run ${index + 1}${isComplete(result) ? '' : ' (left out of the table)'}: ` +
          `${result.badReplies} unexpected replies, ${result.lostConnections} connections lost, ` +
          `${result.skippedSends} sends skipped${result.firstFailure ? ` (${result.firstFailure})` : ''}`,
      );
    }
    if ((result.kind === 'setup' || result.kind === 'idle') && result.failures > 0) {
      const leftOut = isComplete(result) ? '' : ' (left out of the table)';
      problems.push(`run ${index + 1}${leftOut}: ${result.failures} failed connections (${result.firstFailure})`);
    }
  });
  return problems;
}
