import type { LoadResult } from '../load/jobs.js';
import type { ScenarioRecord, VariantRecord } from '../results.js';
import { ECHO_METRICS, IDLE_METRICS, type Metric, SETUP_METRICS, metricSpread } from './metrics.js';

/** One budget rule applied to one variant of one scenario. */
export interface BudgetCheck {
  rule: string;
  scenario: string;
  variant: string;
  /** Median of the variant over median of bare ws in the same scenario. */
  ratio: number | undefined;
  limit: number;
  /** `max`: the ratio must not exceed the limit; `min`: it must reach it. */
  bound: 'max' | 'min';
  status: 'met' | 'not met' | 'not measured';
}

/** Median of a variant's metric divided by the baseline's median in the same scenario. */
export function ratioToBaseline<R extends LoadResult>(
  scenario: ScenarioRecord,
  variant: VariantRecord,
  kind: R['kind'],
  metric: Metric<R>,
): number | undefined {
  const baseline = scenario.variants.find((candidate) => candidate.baseline);
  if (baseline === undefined) return undefined;
  const ours = metricSpread(variant, kind, metric);
  const theirs = metricSpread(baseline, kind, metric);
  if (ours === undefined || theirs === undefined || theirs.median === 0) return undefined;
  return ours.median / theirs.median;
}

function metric<R extends LoadResult>(metrics: readonly Metric<R>[], key: string): Metric<R> {
  const found = metrics.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`unknown metric ${key}`);
  return found;
}

/** Applies the performance budget to every scenario it covers. */
export function checkBudget(scenarios: readonly ScenarioRecord[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const add = <R extends LoadResult>(
    rule: string,
    scenario: ScenarioRecord,
    variant: VariantRecord,
    kind: R['kind'],
    measure: Metric<R>,
    limit: number,
    bound: 'max' | 'min',
  ): void => {
    const ratio = ratioToBaseline(scenario, variant, kind, measure);
    const status = ratio === undefined ? 'not measured' : (bound === 'max' ? ratio <= limit : ratio >= limit) ? 'met' : 'not met';
    checks.push({ rule, scenario: scenario.title, variant: variant.name, ratio, limit, bound, status });
  };

  for (const scenario of scenarios) {
    for (const variant of scenario.variants) {
      if (scenario.kind === 'echo' && variant.target === 'echo-server') {
        add('echo-server CPU per message', scenario, variant, 'echo', metric(ECHO_METRICS, 'cpuPerMessage'), 1.1, 'max');
        add('echo-server p99 latency', scenario, variant, 'echo', metric(ECHO_METRICS, 'p99'), 1.25, 'max');
      }
      if (scenario.kind === 'echo' && variant.target === 'secure-server') {
        add('secure-server authenticated echo CPU per message', scenario, variant, 'echo', metric(ECHO_METRICS, 'cpuPerMessage'), 1.3, 'max');
      }
      if (scenario.kind === 'idle' && (variant.target === 'echo-server' || variant.target === 'secure-server')) {
        add('RSS per idle connection', scenario, variant, 'idle', metric(IDLE_METRICS, 'rssPerConnection'), 1.25, 'max');
      }
      if (scenario.kind === 'setup' && variant.target === 'secure-server') {
        add('connection setup with JWT, handshakes per second', scenario, variant, 'setup', metric(SETUP_METRICS, 'setupsPerSecond'), 0.8, 'min');
      }
    }
  }
  return checks;
}
