import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

type Mode = 'throw' | 'reject' | 'sigterm';

const fixture = fileURLToPath(new URL('./fixtures/crash-child.mjs', import.meta.url));
const builtEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
// The crash and the SIGTERM case run 100 times each; the rejection
// case shares the crash path and gets fewer runs to keep the file near 20 s.
const RUNS: Readonly<Record<Mode, number>> = { throw: 100, reject: 20, sigterm: 100 };
const CONCURRENCY = 6;
const LARGE_PAYLOAD_CHARS = 100 * 1024;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  errorLog: string | undefined;
  errorLogMode: number | undefined;
}

function readIfPresent(file: string): { text: string | undefined; mode: number | undefined } {
  if (!existsSync(file)) return { text: undefined, mode: undefined };
  return { text: readFileSync(file, 'utf8'), mode: statSync(file).mode & 0o777 };
}

function runChild(mode: Mode, dir: string, index: number): Promise<RunResult> {
  const errorLogFile = join(dir, `${mode}-${index}.log`);
  const child = spawn(process.execPath, [fixture, mode, errorLogFile], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (chunk.includes('ready')) child.kill('SIGTERM');
  });
  // A hung child fails its run instead of stalling the test. The limit is
  // generous because a loaded machine can take seconds to start Node.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const errorLog = readIfPresent(errorLogFile);
      resolve({ code, signal, stdout, stderr, errorLog: errorLog.text, errorLogMode: errorLog.mode });
    });
  });
}

// Lists what a run got wrong; an empty list means nothing was lost.
function problemsOf(mode: Mode, result: RunResult): string[] {
  const problems: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  for (const text of result.stdout.split('\n').filter((line) => line.length > 0)) {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      problems.push(`torn stdout line of ${text.length} chars`);
    }
  }
  const sequences = lines.map((line) => line['sequence']).filter((value) => value !== undefined);
  if (sequences.join(',') !== Array.from({ length: 23 }, (_, index) => index).join(',')) {
    problems.push(`stdout sequences ${sequences.join(',')}`);
  }
  const large = lines.find((line) => line['msg'] === 'large line');
  if (String(large?.['payload'] ?? '').length !== LARGE_PAYLOAD_CHARS) problems.push('large line missing or cut');

  const messages = lines.map((line) => line['msg']);
  const expectedEnd = mode === 'sigterm' ? ['shutting down', 'shutdown complete'] : ['process crashed'];
  if (messages.slice(-expectedEnd.length).join('|') !== expectedEnd.join('|')) {
    problems.push(`stdout ends with ${JSON.stringify(messages.slice(-2))}`);
  }
  const expectedCode = mode === 'sigterm' ? 0 : 1;
  if (result.code !== expectedCode) {
    problems.push(`exit code ${result.code} signal ${result.signal}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}`);
  }
  if (result.errorLog === undefined) {
    problems.push('error log file missing');
    return problems;
  }

  const fileMessages = result.errorLog
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => (JSON.parse(line) as Record<string, unknown>)['msg']);
  const expectedFile = ['error before the end', 'fatal before the end', ...(mode === 'sigterm' ? [] : ['process crashed'])];
  if (fileMessages.join('|') !== expectedFile.join('|')) problems.push(`error log holds ${JSON.stringify(fileMessages)}`);
  if (result.errorLogMode !== 0o600) problems.push(`error log mode ${result.errorLogMode?.toString(8)}`);
  return problems;
}

async function runMany(mode: Mode): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), `logger-${mode}-`));
  const failures: string[] = [];
  for (let start = 0; start < RUNS[mode]; start += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, RUNS[mode] - start) }, (_, offset) => start + offset);
    const results = await Promise.all(batch.map((index) => runChild(mode, dir, index)));
    results.forEach((result, offset) => {
      for (const problem of problemsOf(mode, result)) failures.push(`run ${start + offset}: ${problem}`);
    });
  }
  return failures;
}

beforeAll(() => {
  if (!existsSync(builtEntry)) throw new Error(`${builtEntry} is missing; run \`pnpm build\` before these tests`);
});

describe('crash safety of the production logger', () => {
  it(`keeps every line and the fatal line after an uncaught exception, ${RUNS.throw} runs`, async () => {
    expect(await runMany('throw')).toEqual([]);
  }, 240_000);

  it(`keeps every line and the fatal line after an unhandled rejection, ${RUNS.reject} runs`, async () => {
    expect(await runMany('reject')).toEqual([]);
  }, 240_000);

  it(`keeps every line and the shutdown lines after SIGTERM, ${RUNS.sigterm} runs`, async () => {
    expect(await runMany('sigterm')).toEqual([]);
  }, 240_000);
});
