import { type RecordableHistogram, createHistogram } from 'node:perf_hooks';
import type { LatencySummary } from './jobs.js';

/**
 * Latency recorder on Node's built-in HDR histogram (HdrHistogram_c in
 * `perf_hooks`): constant memory and O(1) recording with 3 significant digits,
 * where a sorted sample array would hold millions of values per window and
 * sort them afterwards.
 */
export class LatencyRecorder {
  readonly #histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 120e9, figures: 3 });

  /** Records one latency given in milliseconds, as from `performance.now()` differences. */
  record(milliseconds: number): void {
    this.#histogram.record(Math.max(1, Math.round(milliseconds * 1e6)));
  }

  reset(): void {
    this.#histogram.reset();
  }

  get count(): number {
    return this.#histogram.count;
  }

  /** Percentiles in microseconds; zeros when nothing was recorded. */
  summary(): LatencySummary {
    if (this.#histogram.count === 0) return { p50: 0, p99: 0, p999: 0, max: 0 };
    const micros = (nanoseconds: number): number => nanoseconds / 1000;
    return {
      p50: micros(this.#histogram.percentile(50)),
      p99: micros(this.#histogram.percentile(99)),
      p999: micros(this.#histogram.percentile(99.9)),
      max: micros(this.#histogram.max),
    };
  }
}
