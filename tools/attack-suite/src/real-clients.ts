import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium, driven through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Python; the first python3 on PATH may be another build without Debian's packages. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

const INSTALL_HINT = 'run scripts/install-test-clients.sh to install it';

/** Returns why the Chromium tests cannot run here, or undefined when they can. */
export function chromiumMissingReason(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found; ${INSTALL_HINT}`;
}

/** Returns why the Python client tests cannot run here, or undefined when they can. */
export function pythonWebsocketsMissingReason(): string | undefined {
  if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} not found; ${INSTALL_HINT}`;
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import websockets'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0 ? undefined : `Python module websockets not found for ${SYSTEM_PYTHON}; ${INSTALL_HINT}`;
}

/** Chromium flags for a quiet, offline, headless run in a container. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
