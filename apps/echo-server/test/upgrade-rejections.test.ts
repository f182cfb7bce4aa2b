import { type AppProcess, connect, fetchMetrics, sendRawHttp, startApp, sumMetric, upgradeRequest } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One echo server behind a trusted loopback proxy, so each test can pose as
// its own client address through X-Forwarded-For.
let app: AppProcess;

beforeAll(async () => {
  app = await startApp('echo-server', {
    env: {
      TRUSTED_PROXIES: 'loopback',
      IP_DENYLIST: '203.0.113.0/24',
      ALLOWED_ORIGINS: 'https://app.example.com',
      MAX_CONNECTIONS_PER_ADDRESS: '2',
      MAX_CONNECTIONS: '6',
      HANDSHAKE_TIMEOUT: '300ms',
    },
  });
});

afterAll(async () => {
  await app.stop();
});

const from = (address: string): { headers: Record<string, string> } => ({ headers: { 'X-Forwarded-For': address } });

async function upgradeOutcome(metric: string): Promise<number> {
  return sumMetric((await fetchMetrics(app.port)) ?? [], 'ws_upgrades_total', { outcome: metric });
}

describe('echo-server upgrade rejections', () => {
  it('rejects a denied client address with 403', async () => {
    await expect(connect(app.url, from('203.0.113.7'))).rejects.toMatchObject({ statusCode: 403 });
    expect(await upgradeOutcome('ERR_ACCESS_ADDRESS_FORBIDDEN')).toBe(1);
    const line = await app.waitForLog((entry) => entry.msg === 'upgrade rejected' && entry['status'] === 403);
    expect(line['remoteAddress']).toBe('203.0.113.7');
  });

  it('rejects a foreign Origin with 403 and accepts the listed one', async () => {
    await expect(connect(app.url, { origin: 'https://evil.example.net', ...from('198.51.100.1') })).rejects.toMatchObject({ statusCode: 403 });
    const listed = await connect(app.url, { origin: 'https://app.example.com', ...from('198.51.100.1') });
    expect(await listed.request('hi')).toBe('Server received: hi');
    listed.close();
    expect(await upgradeOutcome('ERR_ACCESS_ORIGIN_FORBIDDEN')).toBe(1);
  });

  it('rejects past the caps with 429 and 503', async () => {
    const clients = [await connect(app.url, from('198.51.100.2')), await connect(app.url, from('198.51.100.2'))];
    await expect(connect(app.url, from('198.51.100.2'))).rejects.toMatchObject({ statusCode: 429 });
    for (let i = 3; i <= 6; i += 1) clients.push(await connect(app.url, from(`198.51.100.${i}`)));
    await expect(connect(app.url, from('198.51.100.9'))).rejects.toMatchObject({ statusCode: 503 });
    const metrics = (await fetchMetrics(app.port)) ?? [];
    expect(sumMetric(metrics, 'ws_upgrades_total', { outcome: 'ERR_RATE_CONNECTIONS' })).toBe(1);
    expect(sumMetric(metrics, 'ws_upgrades_total', { outcome: 'ERR_SERVER_OVERLOADED' })).toBe(1);
    expect(sumMetric(metrics, 'ws_connections_open')).toBe(6);
    for (const client of clients) client.close();
    await Promise.all(clients.map((client) => client.closed));
  });

  it('answers an upgrade whose headers never finish with 408', async () => {
    const partial = upgradeRequest(app.port).replace(/\r\n\r\n$/, '\r\n');
    const response = await sendRawHttp(app.port, partial, { timeoutMs: 3_000 });
    expect(response.statusCode).toBe(408);
    expect(response.serverClosed).toBe(true);
  });

  it('answers a malformed handshake with 400', async () => {
    const response = await sendRawHttp(app.port, upgradeRequest(app.port, { headers: { 'Sec-WebSocket-Version': '7' } }));
    expect(response.statusCode).toBe(400);
    expect(await upgradeOutcome('ERR_PROTOCOL_BAD_HANDSHAKE')).toBe(1);
  });

  it('answers health checks, readiness and plain requests', async () => {
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${app.port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${app.port}/`)).status).toBe(426);
  });
});

describe('echo-server start-up settings', () => {
  it('refuses production without an origin allowlist', async () => {
    const { runAppToExit } = await import('@proj/testkit');
    const result = await runAppToExit('echo-server', { env: { NODE_ENV: 'production' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ALLOWED_ORIGINS is required');
  });

  it('refuses a wildcard origin', async () => {
    const { runAppToExit } = await import('@proj/testkit');
    const result = await runAppToExit('echo-server', { env: { ALLOWED_ORIGINS: '*' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DANGEROUSLY_ALLOW_ANY_ORIGIN');
  });
});
