import { spawnSync } from 'node:child_process';
import { BENCH_ROOT, REPO_ROOT } from '../paths.js';
import { type AppProfile, appEnvironment } from './app-environment.js';

/** Every server the harness can start. */
export type TargetId = 'ws-baseline' | 'python-websockets' | 'echo-server' | 'secure-server';

/** How to start one server: a command and its environment, configured only through variables. */
export interface ServerTarget {
  id: TargetId;
  /** Short description for the report. */
  label: string;
  argv: readonly string[];
  env(port: number, profile: AppProfile, context: TargetContext): Record<string, string>;
  cwd: string;
}

/** Values shared by every server start in one harness run. */
export interface TargetContext {
  /** HS256 secret for the secure server, random per harness run. */
  jwtSecret: string;
  /** Folder for logs and error log files of this run. */
  workDir: string;
  /** Variables from `--app-env`, applied over the apps' settings. */
  appEnvOverrides: Readonly<Record<string, string>>;
}

/** The interpreter that has Debian's python3-websockets; the pyenv python3 on PATH does not. */
const SYSTEM_PYTHON = '/usr/bin/python3';

function baseEnvironment(port: number): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', PORT: String(port) };
}

/**
 * Builds the list of targets. With `profileDir`, Node servers run with
 * `--cpu-prof` and write their profiles to `<profileDir>/<target id>/`.
 */
export function createTargets(profileDir?: string): Record<TargetId, ServerTarget> {
  const nodeFlags = (id: TargetId): string[] => (profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${id}`]);
  return {
    'ws-baseline': {
      id: 'ws-baseline',
      label: 'bare ws echo (baseline)',
      argv: [process.execPath, ...nodeFlags('ws-baseline'), `${BENCH_ROOT}dist/baselines/ws-echo.js`],
      env: (port) => baseEnvironment(port),
      cwd: BENCH_ROOT,
    },
    'python-websockets': {
      id: 'python-websockets',
      label: 'Python websockets echo (baseline)',
      argv: [SYSTEM_PYTHON, `${BENCH_ROOT}baselines/websockets_echo.py`],
      env: (port) => baseEnvironment(port),
      cwd: BENCH_ROOT,
    },
    'echo-server': appTarget('echo-server', nodeFlags('echo-server')),
    'secure-server': appTarget('secure-server', nodeFlags('secure-server')),
  };
}

function appTarget(app: 'echo-server' | 'secure-server', nodeFlags: readonly string[]): ServerTarget {
  return {
    id: app,
    label: `apps/${app}`,
    argv: [process.execPath, ...nodeFlags, `${REPO_ROOT}apps/${app}/dist/main.js`],
    env: (port, profile, context) => ({ ...baseEnvironment(port), ...appEnvironment(app, profile, context), ...context.appEnvOverrides }),
    cwd: `${REPO_ROOT}apps/${app}`,
  };
}

/** Reads the version of Debian's python3-websockets for /usr/bin/python3, which the Python baseline needs; `undefined` when missing. */
export function pythonWebsocketsVersion(): string | undefined {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import websockets; print(websockets.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}
