import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestClient, connect, runAppToExit, startApp } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { spreadAddress } from '../src/crowd.js';
import { openReadyRawSocket } from '../src/raw-session.js';
import { type SecureTarget, expectNoLeaks, startSecureTarget } from '../src/target.js';

const CLIENTS = 100;
const SHUTDOWN_TIMEOUT_MS = 2_000;
const audit = new LogAudit();
let secure: SecureTarget;

beforeAll(async () => {
  secure = await startSecureTarget(audit, { env: { SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`, RATE_LIMIT_ADDRESS: '0' } });
});

afterAll(async () => {
  await secure?.app.stop('SIGKILL');
});

interface Talker {
  readonly client: TestClient;
  readonly sent: string[];
}

describe('shutdown under traffic', () => {
  it('SIGTERM closes every client 1001 and exits 0', { timeout: 30_000 }, async () => {
    const talkers: Talker[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const client = await connect(secure.app.url, {
        headers: { Authorization: `Bearer ${secure.tokens.valid(`talker-${i}`)}` },
        localAddress: spreadAddress(i),
      });
      talkers.push({ client, sent: [] });
    }
    // One client that never replies to the close frame, so the deadline has to terminate it.
    const stubborn = await openReadyRawSocket(secure, 'stubborn');
    const ticker = setInterval(() => {
      for (const talker of talkers) {
        if (talker.client.socket.readyState !== talker.client.socket.OPEN) continue;
        const body = `${audit.marker('talker')}-${talker.sent.length}`;
        talker.sent.push(body);
        talker.client.socket.send(body);
      }
    }, 100);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const signalled = Date.now();
    secure.app.child.kill('SIGTERM');
    await secure.app.waitForLog((line) => line.msg === 'shutting down');
    const lateUpgrade = await connect(secure.app.url).then(
      (client) => ({ status: 101, client }),
      (err: { statusCode?: number; code?: string }) => ({ status: err.statusCode ?? err.code, client: undefined }),
    );
    const closes = await Promise.all(talkers.map((talker) => talker.client.closed));
    clearInterval(ticker);
    const exit = await secure.app.exited;
    const exitedAfterMs = Date.now() - signalled;

    expect(lateUpgrade.status === 503 || lateUpgrade.status === 'ECONNREFUSED').toBe(true);
    expect(closes.map((closed) => closed.code)).toEqual(talkers.map(() => 1001));
    for (const talker of talkers) {
      // Replies come in order and none is missing before the last one received.
      const replies = talker.client.received;
      expect(replies).toEqual(talker.sent.slice(0, replies.length).map((body) => `Server received: ${body}`));
      expect(replies.length).toBeGreaterThan(0);
    }
    expect(await stubborn.closeCode(50)).toBe(1001);
    expect(stubborn.socket.destroyed || stubborn.socket.readableEnded).toBe(true);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_500);
    const last = secure.app.logs.filter((line) => line.msg !== undefined).at(-1);
    expect(last?.msg).toBe('shutdown complete');
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [secure]);
  });
});

// Runs per variant: enough to catch a lost line that depends on timing, few enough for seconds.
const EXIT_RUNS = 8;

describe('last log lines on exit', () => {
  it('SIGTERM always logs shutdown complete', { timeout: 60_000 }, async () => {
    for (let run = 0; run < EXIT_RUNS; run += 1) {
      const app = await startApp('echo-server', { env: { ERROR_LOG_FILE: join(mkdtempSync(join(tmpdir(), 'attack-exit-')), 'errors.log') } });
      const exit = await app.stop('SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(app.logs.at(-1)?.msg).toBe('shutdown complete');
    }
  });

  it('failed listen always writes its fatal line', { timeout: 60_000 }, async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      for (let run = 0; run < EXIT_RUNS; run += 1) {
        const errorLog = join(mkdtempSync(join(tmpdir(), 'attack-crash-')), 'errors.log');
        const result = await runAppToExit('echo-server', { env: { PORT: String(port), ERROR_LOG_FILE: errorLog } });
        expect(result.code).toBe(1);
        const fatal = readFileSync(errorLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(fatal.some((line) => line['level'] === 'fatal' && line['msg'] === 'listen failed')).toBe(true);
        expect(result.stdout).toContain('listen failed');
      }
    } finally {
      blocker.close();
    }
  });
});
