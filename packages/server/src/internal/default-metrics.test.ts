import { Registry, collectDefaultMetrics } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerDefaultMetrics } from './default-metrics.js';

const GC_HISTOGRAM = 'nodejs_gc_duration_seconds';

const namesIn = (registry: Registry): string[] =>
  registry
    .getMetricsAsArray()
    .map((metric) => metric.name)
    .sort();

describe('registerDefaultMetrics', () => {
  const everyDefault = new Registry();
  collectDefaultMetrics({ register: everyDefault });

  it('omits the GC histogram by default', () => {
    const registry = new Registry();
    registerDefaultMetrics(registry, { gc: false });
    expect(namesIn(registry)).toEqual(namesIn(everyDefault).filter((name) => name !== GC_HISTOGRAM));
    expect(namesIn(registry)).toContain('nodejs_eventloop_lag_seconds');
  });

  it('adds the GC histogram on request', () => {
    const registry = new Registry();
    registerDefaultMetrics(registry, { gc: true });
    expect(namesIn(registry)).toEqual(namesIn(everyDefault));
    expect(namesIn(registry)).toContain(GC_HISTOGRAM);
  });

  it('reports collector values', async () => {
    const registry = new Registry();
    registerDefaultMetrics(registry, { gc: false });
    const text = await registry.metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });
});
