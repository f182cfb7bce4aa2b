import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliOptions } from './cli-options.js';
import { pinCurrentProcess, planCpus } from './cpu-pinning.js';
import { describeEnvironment } from './environment.js';
import { runMicro } from './micro/run-micro.js';
import { BENCH_ROOT, REPO_ROOT } from './paths.js';
import { renderMarkdown } from './report/markdown.js';
import type { BenchResults } from './results.js';
import { runScenarios } from './run-scenarios.js';
import { planScenarios } from './scenarios.js';
import { describeAppEnvironment } from './server/app-environment.js';
import { type SecureProtocol, probeSecureProtocol } from './server/secure-protocol.js';
import { startServer } from './server/server-process.js';
import { type TargetContext, createTargets, pythonWebsocketsVersion } from './server/targets.js';

const startedAt = Date.now();
const options = parseCliOptions(process.argv.slice(2));
const progress = (line: string): void => {
  process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
};

if (options.renderOnly) {
  const results = JSON.parse(readFileSync(join(BENCH_ROOT, 'results', 'latest.json'), 'utf8')) as BenchResults;
  writeOutputs(results, false);
  process.exit(0);
}

for (const app of ['echo-server', 'secure-server']) {
  if (!existsSync(`${REPO_ROOT}apps/${app}/dist/main.js`)) {
    process.stderr.write(`bench: apps/${app}/dist/main.js is missing; run \`npx -y pnpm@10.34.9 build\` first\n`);
    process.exit(1);
  }
}

// Read before pinning: nproc and availableParallelism() count only the CPUs this process may use.
const environment = describeEnvironment();
const cpus = planCpus();
// The orchestrator shares the load generator's CPU, so the server's CPU stays its own.
pinCurrentProcess(cpus.loadCpu);
const workDir = mkdtempSync(join(tmpdir(), 'proj-bench-'));
const targetContext: TargetContext = { jwtSecret: randomBytes(48).toString('base64url'), workDir, appEnvOverrides: options.appEnv };
const targets = createTargets(options.profile ? join(BENCH_ROOT, 'results', 'profiles') : undefined);
const pythonVersion = pythonWebsocketsVersion();
if (pythonVersion === undefined) progress('/usr/bin/python3 cannot import websockets, so the Python baseline is skipped');

try {
  const secure = await probeSecure();
  progress(`secure-server: ${secure.notes.join('; ')}`);
  const scenarios = planScenarios(
    { timing: options.timing, python: pythonVersion !== undefined, secure, jwtSecret: targetContext.jwtSecret },
    options.only,
  );
  const records = await runScenarios(scenarios, { timing: options.timing, targets, targetContext, cpus, progress });
  const micro = options.micro ? await runMicro(Math.max(3, options.timing.runs), cpus.serverCpu, progress) : [];
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
      quick: options.quick,
      ...environment,
      pythonWebsockets: pythonVersion,
      pinning:
        cpus.serverCpu === undefined
          ? (cpus.note ?? 'none')
          : `server on CPU ${cpus.serverCpu}, load generator and orchestrator on CPU ${cpus.loadCpu} (taskset); open-files limit raised to 20,000 in every spawned process`,
      timing: options.timing,
      appSettings: [
        ...describeAppEnvironment(),
        ...Object.entries(options.appEnv).map(
          ([name, value]) => `overridden with --app-env: ${name}=${/SECRET|TOKEN|PASSWORD|KEY/i.test(name) ? '[redacted]' : value}`,
        ),
      ],
      secureProtocol: secure.notes,
      durationSeconds: (Date.now() - startedAt) / 1000,
    },
    scenarios: records,
    micro,
  };
  writeOutputs(results, options.partial);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

async function probeSecure(): Promise<SecureProtocol> {
  const server = await startServer(targets['secure-server'], { context: targetContext, profile: 'throughput', cpu: cpus.serverCpu, runLabel: 'probe' });
  try {
    return await probeSecureProtocol(server.url, targetContext.jwtSecret);
  } finally {
    await server.stop(3_000);
  }
}

function writeOutputs(results: BenchResults, partial: boolean): void {
  const resultsDir = join(BENCH_ROOT, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const analysisFile = join(BENCH_ROOT, 'analysis.md');
  const analysis = existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8') : '_No analysis written yet._';
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (partial) {
    writeFileSync(join(resultsDir, 'quick.json'), json);
    writeFileSync(join(resultsDir, 'quick.md'), renderMarkdown(results, analysis, 'bench/results/quick.json'));
    progress('partial run: wrote bench/results/quick.json and bench/results/quick.md');
  } else {
    writeFileSync(join(resultsDir, 'latest.json'), json);
    writeFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), renderMarkdown(results, analysis, 'bench/results/latest.json'));
    progress('wrote BENCHMARKS.md and bench/results/latest.json');
  }
}
