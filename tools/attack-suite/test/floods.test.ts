import { type TestClient, clientFrame, connect, fetchMetrics, readProcessStats, sumMetric } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { dismissCrowd, openCrowd, spreadAddress } from '../src/crowd.js';
import { waitForLineSince } from '../src/logs.js';
import { startClientProcess } from '../src/paused-client.js';
import { openReadyRawSocket, waitUntil, writeUntilClosed } from '../src/raw-session.js';
import { tryUpgrade } from '../src/secure-clients.js';
import { openConnectionsGauge, waitForOpenConnections } from '../src/settle.js';
import { type SecureTarget, type Target, expectNoLeaks, expectStillServing, startEchoTarget, startSecureTarget } from '../src/target.js';

const MiB = 1024 * 1024;
const HEARTBEAT_MS = 300;
const noRateLimits = { RATE_LIMIT_CONNECTION: '0', RATE_LIMIT_ADDRESS: '0', RATE_LIMIT_USER: '0' };
const audit = new LogAudit();
let echo: Target;
let capped: Target;
let slow: SecureTarget;
let heartbeat: SecureTarget;

beforeAll(async () => {
  [echo, capped, slow, heartbeat] = await Promise.all([
    startEchoTarget(audit),
    startEchoTarget(audit, { env: { MAX_CONNECTIONS: '30', MAX_CONNECTIONS_PER_ADDRESS: '10' }, label: 'echo-server with small caps' }),
    startSecureTarget(audit, { env: noRateLimits, label: 'secure-server without rate limits' }),
    startSecureTarget(audit, { env: { HEARTBEAT_INTERVAL: `${HEARTBEAT_MS}ms` }, label: 'secure-server with a short heartbeat' }),
  ]);
});

afterAll(async () => {
  await Promise.all([echo?.app.stop(), capped?.app.stop(), slow?.app.stop(), heartbeat?.app.stop()]);
});

describe('message floods', () => {
  it('flood past the rate limit warns, then closes 4429', async () => {
    const client = await connect(echo.app.url);
    for (let i = 0; i < 500; i += 1) client.socket.send(`m${i}`);

    const closed = await client.closed;

    expect(closed.code).toBe(4429);
    const warnings = client.received.filter((text) => text.includes('ERR_RATE_LIMITED'));
    expect(warnings).toHaveLength(1);
    expect(client.received.length).toBeLessThan(500);
    const metrics = await fetchMetrics(echo.app.port);
    expect(sumMetric(metrics ?? [], 'ws_rate_limited_total')).toBeGreaterThan(0);
  });

  it('other clients are served during a flood', async () => {
    const bystander = await connect(echo.app.url, { localAddress: '127.0.0.2' });
    const flooder = await connect(echo.app.url);
    for (let i = 0; i < 500; i += 1) flooder.socket.send(`m${i}`);
    const body = audit.marker('flood-bystander');
    expect(await bystander.request(body)).toBe(`Server received: ${body}`);
    expect((await flooder.closed).code).toBe(4429);
    bystander.close();
  });
});

describe('connection floods', () => {
  it('connections past the per-address cap get 429', async () => {
    const held: TestClient[] = [];
    for (let i = 0; i < 10; i += 1) held.push(await connect(capped.app.url));

    const refused = await tryUpgrade(capped.app.url);

    expect(refused.status).toBe(429);
    for (const client of held) client.close();
    await Promise.all(held.map((client) => client.closed));
    const freed = await tryUpgrade(capped.app.url);
    expect(freed.status).toBe(101);
    freed.client?.close();
  });

  it('connections past the global cap get 503', async () => {
    const crowd = await openCrowd(capped.app.port, 60, { parallel: 8 });
    const statuses = crowd.map((member) => member.status);
    expect(statuses.filter((status) => status === 101)).toHaveLength(30);
    expect(new Set(statuses.filter((status) => status !== 101))).toEqual(new Set([503]));
    dismissCrowd(crowd);
    await waitForOpenConnections(capped.app, 0);
    const freed = await tryUpgrade(capped.app.url, { localAddress: spreadAddress(7) });
    expect(freed.status).toBe(101);
    freed.client?.close();
  });
});

describe('slow peers', () => {
  it('client that never reads is closed as a slow consumer', { timeout: 40_000 }, async () => {
    const normal: TestClient[] = [];
    for (let i = 0; i < 50; i += 1) {
      const client = await connect(slow.app.url, { headers: { Authorization: `Bearer ${slow.tokens.valid(`normal-${i}`)}` } });
      normal.push(client);
    }
    const before = readProcessStats(slow.pid);
    const from = slow.app.logs.length;
    const raw = await openReadyRawSocket(slow, 'never-reads');
    raw.socket.pause();
    const message = clientFrame({ opcode: 0x1, payload: 'r'.repeat(10_000) });

    const flood = writeUntilClosed(raw, message, 10_000 * message.length, 20_000);
    // Every normal client keeps getting its replies while the slow one backs up.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(normal.map(async (client, i) => expect(await client.request(`n${i}-${round}`, 3_000)).toBe(`Server received: n${i}-${round}`)));
    }
    const line = await waitForLineSince(slow.app, from, (entry) => entry['code'] === 'ERR_SERVER_SLOW_CONSUMER', 20_000);
    raw.socket.destroy();
    await flood;

    expect(line.level).toBe('warn');
    const metrics = await fetchMetrics(slow.app.port);
    expect(sumMetric(metrics ?? [], 'ws_backpressure_closes_total')).toBe(1);
    const after = readProcessStats(slow.pid);
    if (before && after) expect(after.residentBytes - before.residentBytes).toBeLessThan(128 * MiB);
    for (const client of normal) client.close();
  });

  it('client that never answers pings is terminated', async () => {
    const from = heartbeat.app.logs.length;
    const raw = await openReadyRawSocket(heartbeat, 'never-pongs');
    const opened = Date.now();

    await raw.ended;

    expect(Date.now() - opened).toBeLessThan(HEARTBEAT_MS * 2 + 1_000);
    expect(await raw.closeCode(50)).toBeUndefined();
    const line = await waitForLineSince(heartbeat.app, from, (entry) => entry['code'] === 'ERR_TIMEOUT_HEARTBEAT');
    expect(line.level).toBe('info');
  });

  it('frozen client process is terminated', async () => {
    const well = await connect(heartbeat.app.url, { headers: { Authorization: `Bearer ${heartbeat.tokens.valid('awake')}` } });
    const child = await startClientProcess(heartbeat.app.url, heartbeat.tokens.valid('frozen'));
    try {
      await waitUntil(() => heartbeat.app.logs.some((entry) => entry.msg === 'authenticated' && entry['userId'] === 'frozen'));
      const from = heartbeat.app.logs.length;

      child.kill('SIGSTOP');
      const line = await waitForLineSince(heartbeat.app, from, (entry) => entry['code'] === 'ERR_TIMEOUT_HEARTBEAT', HEARTBEAT_MS * 2 + 1_500);

      expect(line['connectionId']).toEqual(expect.any(String));
      // The awake client replies to pings by itself and stays connected.
      const body = audit.marker('awake');
      expect(await well.request(body)).toBe(`Server received: ${body}`);
      expect(await openConnectionsGauge(heartbeat.app)).toBe(1);
    } finally {
      child.kill('SIGKILL');
      well.close();
    }
  });
});

describe('floods group end', () => {
  it('same processes keep serving after the floods group', async () => {
    for (const target of [echo, capped, slow, heartbeat]) await expectStillServing(target, audit);
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, capped, slow, heartbeat]);
  });
});
