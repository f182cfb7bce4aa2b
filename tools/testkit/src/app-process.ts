import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** A log line parsed from an app's NDJSON stdout. */
export type LogLine = Record<string, unknown> & { level?: string; msg?: string };

/** A built app running as a child process. */
export interface AppProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  /** Every stdout line so far, parsed as JSON where possible. */
  readonly logs: LogLine[];
  /** Raw stdout and stderr so far. */
  readonly output: { stdout: string; stderr: string };
  /** Resolves with the first log line matching `predicate`, waiting up to `timeoutMs`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code and signal once the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Options for {@link startApp}. */
export interface StartAppOptions {
  /** Extra environment variables; PORT defaults to 0 and HOST to 127.0.0.1. */
  env?: Record<string, string | undefined>;
  /** Working directory of the child; the app folder by default. */
  cwd?: string;
  /** How long to wait for the `listening` line. */
  timeoutMs?: number;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of an app's built entry point. */
export function appEntry(app: 'echo-server' | 'secure-server', file = 'main.js'): string {
  return `${repoRoot}apps/${app}/dist/${file}`;
}

/** Absolute path of an app's folder. */
export function appDir(app: 'echo-server' | 'secure-server'): string {
  return `${repoRoot}apps/${app}`;
}

/**
 * Starts a built app with `node dist/main.js` and resolves once it logs
 * `listening`, with the port it bound.
 */
export async function startApp(app: 'echo-server' | 'secure-server', options: StartAppOptions = {}): Promise<AppProcess> {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [appEntry(app)], {
    cwd: options.cwd ?? appDir(app),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const output = { stdout: '', stderr: '' };
  const waiters = new Set<{ predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const text = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text, unparsed: true };
      }
      logs.push(line);
      for (const waiter of waiters) {
        if (waiter.predicate(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 5_000): Promise<LogLine> => {
    const found = logs.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve: (line: LogLine) => (clearTimeout(timer), resolve(line)) };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${output.stderr.slice(0, 500)}`));
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then(() => {
        if (!waiters.has(waiter)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        reject(new Error(`process exited before a matching log line; stderr: ${output.stderr.slice(0, 500)}`));
      });
    });
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    }
    return exited;
  };

  let listening: LogLine;
  try {
    listening = await waitForLog((line) => line.msg === 'listening', options.timeoutMs ?? 10_000);
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
  const port = Number(listening['port']);
  return {
    child,
    pid: child.pid ?? -1,
    port,
    url: `ws://127.0.0.1:${port}`,
    logs,
    output,
    waitForLog,
    exited,
    stop,
  };
}

/** Runs a built app to completion, for start-up failures. */
export async function runAppToExit(
  app: 'echo-server' | 'secure-server',
  options: StartAppOptions & { file?: string; args?: string[] } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [appEntry(app, options.file), ...(options.args ?? [])], {
    cwd: options.cwd ?? appDir(app),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
