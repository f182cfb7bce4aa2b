import { createRequire } from 'node:module';
import { type Registry, collectDefaultMetrics } from 'prom-client';

type DefaultCollector = (registry: Registry, config: { eventLoopMonitoringPrecision: number }) => void;

const require = createRequire(import.meta.url);

/** prom-client's name for its garbage collection collector, in `collectDefaultMetrics.metricsList`. */
const GC_COLLECTOR = 'gc';

/**
 * Registers prom-client's default `process_*` and `nodejs_*` metrics, with
 * `nodejs_gc_duration_seconds` only when `gc` is true.
 *
 * That histogram needs a `gc` PerformanceObserver. On Node.js 20 to 24, every
 * garbage collection then builds an entry with deprecated accessors whose
 * objects outlive the next scavenge, so V8 grows the young generation and each
 * scavenge pauses longer. prom-client has no switch for one default metric, so
 * the other collectors are loaded one by one under the names prom-client lists.
 */
export function registerDefaultMetrics(registry: Registry, { gc }: { gc: boolean }): void {
  if (gc) {
    collectDefaultMetrics({ register: registry });
    return;
  }
  // Same default as collectDefaultMetrics, which fills it in before calling each collector.
  const config = { eventLoopMonitoringPrecision: 10 };
  for (const name of collectDefaultMetrics.metricsList) {
    if (name === GC_COLLECTOR) continue;
    const collector = require(`prom-client/lib/metrics/${name}.js`) as DefaultCollector;
    collector(registry, config);
  }
}
