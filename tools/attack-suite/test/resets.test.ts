import { type ProcessStats, readProcessStats } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { serverFaultLines, waitForQuiet } from '../src/logs.js';
import { type ResetStage, resetLoop } from '../src/resets.js';
import { expectBackToBaseline, openConnectionsGauge } from '../src/settle.js';
import { type SecureTarget, type Target, expectNoLeaks, expectStillServing, startEchoTarget, startSecureTarget } from '../src/target.js';

// Resets per stage: enough to show a leak in descriptors or sessions, few
// enough that all stages of both apps finish within seconds.
const ITERATIONS = 120;

const transportStages: readonly ResetStage[] = [
  'after TCP connect',
  'mid request line',
  'right after the upgrade request',
  'after the 101',
  'mid frame header',
  'mid fragmented message',
];
const authStages: readonly ResetStage[] = [
  'during the upgrade auth check',
  'during the first-message auth check',
  'while sending every 10 ms',
];

const audit = new LogAudit();
let echo: Target;
let secure: SecureTarget;

beforeAll(async () => {
  [echo, secure] = await Promise.all([startEchoTarget(audit), startSecureTarget(audit)]);
});

afterAll(async () => {
  await Promise.all([echo?.app.stop(), secure?.app.stop()]);
});

describe.each([
  { appName: 'echo-server', target: (): Target => echo, stages: transportStages },
  { appName: 'secure-server', target: (): Target => secure, stages: [...transportStages, ...authStages] },
])('resets on $appName', ({ target, stages }) => {
  let baseline: ProcessStats | undefined;

  beforeAll(async () => {
    // Warm up once so lazily created handles are in the baseline.
    await expectStillServing(target(), audit);
    baseline = readProcessStats(target().app.pid);
  });

  for (const stage of stages) {
    it(`reset ${stage} leaks nothing`, { timeout: 30_000 }, async () => {
      const current = target();
      const { app } = current;
      await waitForQuiet(app);
      const from = app.logs.length;
      const token = 'tokens' in current ? () => (current as SecureTarget).tokens.valid('reset-loop', 60) : undefined;

      const done = await resetLoop(stage, { port: app.port, token }, ITERATIONS);

      expect(done).toBe(ITERATIONS);
      expect(baseline, 'process stats are readable').toBeDefined();
      if (baseline) await expectBackToBaseline(app, baseline);
      await waitForQuiet(app);
      const lines = app.logs.slice(from);
      expect(serverFaultLines(lines)).toEqual([]);
      // A reset is the client's own doing: no warning, and no upgrade rejected for it.
      expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
      expect(lines.filter((line) => line.msg === 'upgrade rejected')).toEqual([]);
      // Open, authenticated and closed lines plus one more per reset at most.
      expect(lines.length).toBeLessThanOrEqual(ITERATIONS * 4);
      expect(await openConnectionsGauge(app)).toBe(0);
    });
  }

  it('same process keeps serving after the resets group', async () => {
    await expectStillServing(target(), audit);
  });
});

describe('resets logs', () => {
  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, secure]);
  });
});
