import { createError } from '@proj/errors';
import type { Level, Logger } from 'pino';

/** Options for {@link createFaultSampler}. */
export interface FaultSamplerOptions {
  /** Logger that receives the summary lines. */
  logger: Logger;
  /** Occurrences of each code logged in full per interval; 3 by default. */
  firstN?: number;
  /** Milliseconds between summary lines; 60 000 by default. */
  intervalMs?: number;
  /** Distinct codes tracked per interval; 100 by default. Further codes are counted together. */
  maxKeys?: number;
  /** Level of the summary lines; `warn` by default. */
  level?: Level;
}

/** Decides which repeated client faults are logged; see {@link createFaultSampler}. */
export interface FaultSampler {
  /** Counts one occurrence of `code` and returns whether the caller should log it. */
  shouldLog(code: string): boolean;
  /** Writes a summary line for each code with suppressed occurrences and starts a new interval. */
  flushSummaries(): void;
  /** Writes the pending summaries and stops the interval timer. */
  stop(): void;
}

/** The code under which faults beyond `maxKeys` distinct codes are counted. */
export const OTHER_FAULTS = 'other';

/**
 * Creates a sampler for repeated client faults. In each interval the first
 * `firstN` occurrences of a code are logged by the caller; the rest are
 * counted and reported in one summary line per code when the interval ends
 * (`{ code, suppressed, total, intervalMs }`, message `client faults suppressed`).
 * Memory stays bounded: at most `maxKeys` codes plus {@link OTHER_FAULTS}.
 *
 * > [!WARNING]
 * > Key by a constant fault code such as `ERR_VALIDATION_INVALID_JSON`, never
 * > by client-chosen text, or one client can push every other code into `other`.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when `intervalMs` or `maxKeys` is not a
 * positive integer, or `firstN` is negative or not an integer.
 * @example
 * const faults = createFaultSampler({ logger, firstN: 3, intervalMs: 10_000 });
 * if (faults.shouldLog(error.code)) log.info({ code: error.code }, 'invalid message');
 */
export function createFaultSampler(options: FaultSamplerOptions): FaultSampler {
  const firstN = checkInteger('firstN', options.firstN ?? 3, 0);
  const intervalMs = checkInteger('intervalMs', options.intervalMs ?? 60_000, 1);
  const maxKeys = checkInteger('maxKeys', options.maxKeys ?? 100, 1);
  const level = options.level ?? 'warn';
  const { logger } = options;
  let counts = new Map<string, number>();

  const flushSummaries = (): void => {
    const finished = counts;
    counts = new Map();
    for (const [code, total] of finished) {
      const suppressed = code === OTHER_FAULTS ? total : total - firstN;
      if (suppressed > 0) logger[level]({ code, suppressed, total, intervalMs }, 'client faults suppressed');
    }
  };
  const timer = setInterval(flushSummaries, intervalMs);
  timer.unref();

  return {
    shouldLog(code) {
      const key = counts.has(code) || counts.size < maxKeys ? code : OTHER_FAULTS;
      const total = (counts.get(key) ?? 0) + 1;
      counts.set(key, total);
      return key !== OTHER_FAULTS && total <= firstN;
    },
    flushSummaries,
    stop() {
      clearInterval(timer);
      flushSummaries();
    },
  };
}

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw createError('ERR_CONFIG_INVALID', `createFaultSampler: ${name} must be an integer of at least ${min}, received ${String(value)}`);
  }
  return value;
}
