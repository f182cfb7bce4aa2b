import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BENCH_ROOT } from '../paths.js';
import type { MicroRecord } from '../results.js';
import { limitedCommand } from '../server/spawn-limits.js';

const run = promisify(execFile);

/** Runs the micro-benchmark process `runs` times on `cpu` and collects the medians per run. */
export async function runMicro(runs: number, cpu: number | undefined, progress: (line: string) => void): Promise<MicroRecord[]> {
  const records = new Map<string, MicroRecord>();
  for (let index = 0; index < runs; index += 1) {
    const command = limitedCommand([process.execPath, `${BENCH_ROOT}dist/micro/main.js`], cpu);
    const { stdout, stderr } = await run(command.file, command.args, { timeout: 120_000, maxBuffer: 1 << 20 });
    if (stderr.trim()) progress(stderr.trim());
    for (const line of stdout.split('\n').filter(Boolean)) {
      const parsed = JSON.parse(line) as { group: string; name: string; nanoseconds: number; note?: string };
      const record = records.get(parsed.name) ?? { group: parsed.group, name: parsed.name, nanosecondsPerOperation: [], ...(parsed.note ? { note: parsed.note } : {}) };
      record.nanosecondsPerOperation.push(parsed.nanoseconds);
      records.set(parsed.name, record);
    }
    progress(`micro run ${index + 1}/${runs} done`);
  }
  return [...records.values()];
}
