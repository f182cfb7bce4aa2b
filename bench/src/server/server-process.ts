import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { readCommand } from '../proc-stats.js';
import { limitedCommand } from './spawn-limits.js';
import type { AppProfile } from './app-environment.js';
import type { ServerTarget, TargetContext } from './targets.js';

/** Maximum wait for a server to accept TCP connections after spawning. */
const START_TIMEOUT_MS = 15_000;

/** A server started by {@link startServer}. */
export interface RunningServer {
  pid: number;
  port: number;
  url: string;
  /** File receiving the server's stdout. */
  logFile: string;
  /** Stops the server with SIGTERM, then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Options for {@link startServer}. */
export interface StartServerOptions {
  context: TargetContext;
  profile: AppProfile;
  cpu: number | undefined;
  /** Distinguishes log files of successive starts. */
  runLabel: string;
}

/**
 * Starts a server on a free loopback port, pinned to one CPU with a raised
 * open-files limit, and resolves once it accepts TCP connections.
 *
 * @throws {Error} when the server exits or does not listen within 15 seconds;
 * the message carries the end of its stderr.
 */
export async function startServer(target: ServerTarget, options: StartServerOptions): Promise<RunningServer> {
  const port = await findFreePort();
  const logFile = join(options.context.workDir, `${options.runLabel}.out.log`);
  const errorFile = join(options.context.workDir, `${options.runLabel}.err.log`);
  const stdout = openSync(logFile, 'w');
  const stderr = openSync(errorFile, 'w');
  const command = limitedCommand(target.argv, options.cpu);
  const child = spawn(command.file, command.args, {
    cwd: target.cwd,
    env: target.env(port, options.profile, options.context),
    stdio: ['ignore', stdout, stderr],
  });
  closeSync(stdout);
  closeSync(stderr);
  const exited = once(child, 'exit');
  const describeExit = (): string => `${target.id} exited early: ${readFileSync(errorFile, 'utf8').slice(-800)}`;

  try {
    await waitForPort(port, child);
  } catch (err) {
    await stopChild(child, exited, 1_000);
    throw new Error(child.exitCode !== null ? describeExit() : `${target.id}: ${(err as Error).message}`);
  }
  const pid = child.pid ?? -1;
  const runningCommand = readCommand(pid);
  if (runningCommand === 'sh' || runningCommand === 'taskset') {
    await stopChild(child, exited, 1_000);
    throw new Error(`${target.id}: pid ${pid} still runs ${runningCommand}, so its CPU accounting would be wrong`);
  }
  return {
    pid,
    port,
    url: `ws://127.0.0.1:${port}`,
    logFile,
    stop: (timeoutMs = 5_000) => stopChild(child, exited, timeoutMs),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('exited before listening');
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not listening on port ${port} within ${START_TIMEOUT_MS} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
