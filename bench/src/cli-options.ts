import { parseArgs } from 'node:util';
import type { Timing } from './scenarios.js';

/** Settings of one harness invocation. */
export interface CliOptions {
  quick: boolean;
  timing: Timing;
  /** Scenario id prefixes to run; all when empty. */
  only: string[];
  micro: boolean;
  /** Run Node servers with `--cpu-prof`, writing profiles to bench/results/profiles. */
  profile: boolean;
  /** Extra variables for both apps, applied over the harness's own settings. */
  appEnv: Record<string, string>;
  /** Rewrite BENCHMARKS.md from bench/results/latest.json without measuring. */
  renderOnly: boolean;
}

const usage = `Usage: pnpm bench [--quick] [--only <id>[,<id>...]] [--runs <n>] [--idle-connections <n>] [--start-idle <ms>] [--no-micro] [--profile]
                  [--app-env NAME=VALUE]... | --render-only

  --quick               one run per scenario with short windows, written to bench/results/quick.*
  --only                run only scenarios whose id starts with one of these (echo, echo-c50, setup, idle)
  --runs                runs per scenario and server (default 3, quick 1)
  --idle-connections    connections held in the idle scenario (default 10000, at most 19000)
  --start-idle          milliseconds each server of an echo scenario waits without traffic after it
                        starts, so V8 can shrink its young generation (default 9000, quick 0)
  --no-micro            skip the micro-benchmarks
  --profile             start Node servers with --cpu-prof (profiles in bench/results/profiles)
  --app-env             set a variable for both apps, over the harness's settings (repeatable),
                        for experiments such as --app-env RATE_LIMIT_CONNECTION=0
  --render-only         rewrite BENCHMARKS.md from bench/results/latest.json, for example after
                        editing bench/analysis.md, without measuring anything

A run with --only, --no-micro, --profile, --app-env or a changed --runs, --idle-connections or --start-idle is partial
and is written like --quick, so BENCHMARKS.md always comes from a complete run.`;

/**
 * V8's memory reducer starts 8 s after a full garbage collection (`--gc-memory-reducer-start-delay-ms`
 * in `node --v8-options`), and the apps run one while they load. Only then does V8 shrink a young
 * generation that start-up grew.
 */
const DEFAULT_START_IDLE_MS = 9_000;

/** Largest idle connection count that fits under a 20,000 open-files limit with room for the server's own files. */
const MAX_IDLE_CONNECTIONS = 19_000;

/** Parses the command line, or prints usage and exits with 2. */
export function parseCliOptions(argv: readonly string[]): CliOptions & { partial: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        runs: { type: 'string' },
        'idle-connections': { type: 'string' },
        'start-idle': { type: 'string' },
        'no-micro': { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        'app-env': { type: 'string', multiple: true, default: [] },
        'render-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    exitWithUsage((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const quick = values.quick;
  const runs = readCount(values.runs, '--runs', quick ? 1 : 3, 1, 20);
  const idleConnections = readCount(values['idle-connections'], '--idle-connections', 10_000, 1, MAX_IDLE_CONNECTIONS);
  const startIdleMs = readCount(values['start-idle'], '--start-idle', quick ? 0 : DEFAULT_START_IDLE_MS, 0, 60_000);
  const only = values.only === undefined ? [] : values.only.split(',').map((id) => id.trim()).filter(Boolean);
  const appEnv = readAssignments(values['app-env']);
  const partial =
    quick ||
    only.length > 0 ||
    values['no-micro'] ||
    values.profile ||
    Object.keys(appEnv).length > 0 ||
    values.runs !== undefined ||
    values['idle-connections'] !== undefined ||
    values['start-idle'] !== undefined;
  return {
    quick,
    partial,
    only,
    micro: !values['no-micro'],
    profile: values.profile,
    appEnv,
    renderOnly: values['render-only'],
    timing: {
      runs,
      warmupMs: quick ? 1_000 : 1_500,
      windowMs: quick ? 2_000 : 4_000,
      settleMs: quick ? 1_000 : 2_000,
      idleConnections,
      startIdleMs,
    },
  };
}

function readCount(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) exitWithUsage(`${name} expects an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return value;
}

function readAssignments(entries: readonly string[]): Record<string, string> {
  const assignments: Record<string, string> = {};
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    if (separator <= 0) exitWithUsage(`--app-env expects NAME=VALUE, got ${JSON.stringify(entry.slice(0, 60))}`);
    assignments[entry.slice(0, separator)] = entry.slice(separator + 1);
  }
  return assignments;
}

function exitWithUsage(message: string): never {
  process.stderr.write(`bench: ${message}\n\n${usage}\n`);
  process.exit(2);
}
