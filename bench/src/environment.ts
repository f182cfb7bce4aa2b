import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, release, totalmem } from 'node:os';
import { REPO_ROOT } from './paths.js';

/** The machine and software facts for the report's header. */
export interface EnvironmentFacts {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  ws: string;
}

/** Reads the CPU model from /proc/cpuinfo and the ws version the apps' server package resolves. */
export function describeEnvironment(): EnvironmentFacts {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  return {
    cpuModel: model,
    cpus: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    ws: wsVersion(),
  };
}

function wsVersion(): string {
  try {
    const require = createRequire(`${REPO_ROOT}packages/server/package.json`);
    return (JSON.parse(readFileSync(require.resolve('ws/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
