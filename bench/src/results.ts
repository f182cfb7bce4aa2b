import type { EnvironmentFacts } from './environment.js';
import type { LoadResult } from './load/jobs.js';
import type { TargetId } from './server/targets.js';

/** One measurement of one variant: its result, or why it failed. */
export type RunOutcome = { ok: true; result: LoadResult } | { ok: false; error: string };

/** Every run of one variant of a scenario. */
export interface VariantRecord {
  name: string;
  target: TargetId;
  baseline: boolean;
  runs: RunOutcome[];
}

/** Every variant of one scenario. */
export interface ScenarioRecord {
  id: string;
  kind: 'echo' | 'setup' | 'idle';
  title: string;
  parameters: string;
  variants: VariantRecord[];
}

/** Nanoseconds per operation of one micro-benchmark, one value per run. */
export interface MicroRecord {
  group: string;
  name: string;
  nanosecondsPerOperation: number[];
  note?: string;
}

/** Machine, software and settings of a harness run. */
export interface RunMeta extends EnvironmentFacts {
  date: string;
  command: string;
  quick: boolean;
  pythonWebsockets: string | undefined;
  pinning: string;
  timing: { runs: number; warmupMs: number; windowMs: number; settleMs: number; idleConnections: number; startIdleMs?: number };
  appSettings: string[];
  secureProtocol: string[];
  durationSeconds: number;
}

/** Everything a harness run produced; written as JSON and rendered as Markdown. */
export interface BenchResults {
  meta: RunMeta;
  scenarios: ScenarioRecord[];
  micro: MicroRecord[];
}
