import { type AppProcess, type ProcessStats, fetchMetrics, readProcessStats, sumMetric } from '@proj/testkit';
import { expect } from 'vitest';

const MiB = 1024 * 1024;

/** Reads the open-connections gauge from `/metrics`; undefined when the app serves no metrics. */
export async function openConnectionsGauge(app: AppProcess): Promise<number | undefined> {
  const samples = await fetchMetrics(app.port);
  return samples ? sumMetric(samples, 'ws_connections_open') : undefined;
}

/** Waits for the process to get back near a baseline taken while idle, for leak checks. */
export async function expectBackToBaseline(app: AppProcess, baseline: ProcessStats, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let current = readProcessStats(app.pid);
  // A few descriptors of slack: the metrics scrape itself and lazily opened files.
  while (current && current.openFiles > baseline.openFiles + 4 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = readProcessStats(app.pid);
  }
  expect(current, 'process stats are readable').toBeDefined();
  expect(current?.openFiles).toBeLessThanOrEqual(baseline.openFiles + 4);
  expect(current?.residentBytes).toBeLessThan(baseline.residentBytes + 96 * MiB);
}

/** Polls `/metrics` until the open-connections gauge equals `expected`, or fails after `timeoutMs`. */
export async function waitForOpenConnections(app: AppProcess, expected: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let open = await openConnectionsGauge(app);
  while (open !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    open = await openConnectionsGauge(app);
  }
  expect(open).toBe(expected);
}
