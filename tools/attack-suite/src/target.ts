import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, connect, isProcessAlive, startApp } from '@proj/testkit';
import { expect } from 'vitest';
import type { LogAudit } from './audit.js';
import { TokenMinter } from './tokens.js';

/** A built app started for a test file, with where its error log goes. */
export interface Target {
  readonly name: 'echo-server' | 'secure-server';
  readonly app: AppProcess;
  /** Process id right after start, to prove later that it is the same process. */
  readonly pid: number;
  readonly errorLogFile: string;
}

/** A secure server with a minter for its secret. */
export interface SecureTarget extends Target {
  readonly name: 'secure-server';
  readonly tokens: TokenMinter;
}

/** Options for starting a target. */
export interface TargetOptions {
  /** Extra environment variables for the app. */
  env?: Record<string, string | undefined>;
  /** Label in audit findings; the app name by default. */
  label?: string;
}

async function start(name: Target['name'], audit: LogAudit, options: TargetOptions): Promise<Target> {
  const errorLogFile = join(mkdtempSync(join(tmpdir(), `attack-${name}-`)), 'errors.log');
  // debug puts every connection's open and close lines in the scanned output.
  const env = { LOG_LEVEL: 'debug', ERROR_LOG_FILE: errorLogFile, ...options.env };
  const app = await startApp(name, { env });
  audit.track({ label: options.label ?? name, app, errorLogFile });
  return { name, app, pid: app.pid, errorLogFile };
}

/** Starts the built echo server with debug logging and registers it with the audit. */
export function startEchoTarget(audit: LogAudit, options: TargetOptions = {}): Promise<Target> {
  return start('echo-server', audit, options);
}

/** Starts the built secure server with a fresh random secret and registers both with the audit. */
export async function startSecureTarget(audit: LogAudit, options: TargetOptions = {}): Promise<SecureTarget> {
  const secret = randomBytes(32).toString('hex');
  const tokens = new TokenMinter(secret, audit);
  const target = await start('secure-server', audit, { ...options, env: { JWT_SECRET: secret, ...options.env } });
  return { ...target, name: 'secure-server', tokens };
}

/**
 * Asserts that the target is still the process it was at start (same PID, no
 * exit) and that a well-behaved client still gets its reply.
 */
export async function expectStillServing(target: Target | SecureTarget, audit: LogAudit): Promise<void> {
  expect(target.app.child.exitCode, `${target.name} exited`).toBeNull();
  expect(target.app.child.signalCode, `${target.name} was killed`).toBeNull();
  expect(target.app.child.pid).toBe(target.pid);
  expect(isProcessAlive(target.pid)).toBe(true);

  const client = await connect(target.app.url);
  if ('tokens' in target) {
    expect(await client.request(target.tokens.valid('well-behaved'))).toBe('Authenticated!');
  }
  const body = audit.marker('well-behaved');
  expect(await client.request(body)).toBe(`Server received: ${body}`);
  client.close();
  await client.closed;
}

/** Asserts that no tracked output contains a registered secret, after stopping the apps. */
export async function expectNoLeaks(audit: LogAudit, targets: readonly Target[]): Promise<void> {
  for (const target of targets) await target.app.stop();
  expect(audit.secretCount).toBeGreaterThan(0);
  expect(audit.capturedLineCount()).toBeGreaterThan(0);
  expect(audit.findLeaks()).toEqual([]);
}
