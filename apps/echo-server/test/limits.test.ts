import { type AppProcess, connect, fetchMetrics, openRawWebSocket, startApp, sumMetric } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let app: AppProcess;

beforeAll(async () => {
  app = await startApp('echo-server', {
    env: { MAX_PAYLOAD: '4KiB', HEARTBEAT_INTERVAL: '200ms', RATE_LIMIT_CONNECTION: '20', RATE_LIMIT_WINDOW: '60s', CLOSE_TIMEOUT: '300ms' },
  });
});

afterAll(async () => {
  await app.stop();
});

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  return sumMetric((await fetchMetrics(app.port)) ?? [], name, labels);
}

async function waitForMetric(name: string, labels: Record<string, string>, expected: number): Promise<void> {
  const deadline = Date.now() + 3_000;
  while ((await metric(name, labels)) !== expected) {
    if (Date.now() > deadline) throw new Error(`${name} ${JSON.stringify(labels)} did not reach ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('echo-server message limits', () => {
  it('accepts a message of exactly MAX_PAYLOAD', async () => {
    const client = await connect(app.url);
    const text = 'a'.repeat(4096);
    expect(await client.request(text)).toBe(`Server received: ${text}`);
    client.close();
  });

  it('closes a message of MAX_PAYLOAD + 1 with 1009', async () => {
    const client = await connect(app.url);
    client.socket.send('a'.repeat(4097));
    expect((await client.closed).code).toBe(1009);
    await waitForMetric('ws_closes_total', { code: '1009' }, 1);
  });

  it('closes an announced 200 MiB frame at once and keeps serving', async () => {
    const raw = await openRawWebSocket(app.port);
    raw.socket.write(Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0x0c, 0x80, 0, 0, 0, 0, 0, 0]));
    expect(await raw.closeCode(1_000)).toBe(1009);
    const other = await connect(app.url);
    expect(await other.request('after')).toBe('Server received: after');
    other.close();
    const line = await app.waitForLog((entry) => entry['wsCode'] === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
    expect(line.level).toBe('info');
    expect(await metric('ws_errors_total', { code: 'ERR_PAYLOAD_TOO_LARGE' })).toBeGreaterThanOrEqual(2);
  });
});

describe('echo-server heartbeat', () => {
  it('terminates a client that stops answering pings', async () => {
    const before = await metric('ws_errors_total', { code: 'ERR_TIMEOUT_HEARTBEAT' });
    const raw = await openRawWebSocket(app.port);
    const started = Date.now();
    await raw.ended;
    // Terminated at the second ping after the missed pong: within two intervals plus scheduling slack.
    expect(Date.now() - started).toBeLessThan(1_000);
    await app.waitForLog((entry) => entry.msg === 'heartbeat timeout, connection terminated');
    expect(await metric('ws_errors_total', { code: 'ERR_TIMEOUT_HEARTBEAT' })).toBe(before + 1);
  });

  it('keeps a client that answers pings', async () => {
    const client = await connect(app.url);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await client.request('alive')).toBe('Server received: alive');
    client.close();
  });
});

describe('echo-server rate limit', () => {
  it('warns once, then closes with 4429', async () => {
    const client = await connect(app.url);
    for (let i = 0; i < 20; i += 1) expect(await client.request(`m${i}`)).toBe(`Server received: m${i}`);
    const warning = JSON.parse(await client.request('one too many')) as Record<string, unknown>;
    expect(warning).toMatchObject({ type: 'error', code: 'ERR_RATE_LIMITED' });
    client.socket.send('and another');
    expect((await client.closed).code).toBe(4429);
    await waitForMetric('ws_closes_total', { code: '4429' }, 1);
    expect(await metric('ws_rate_limited_total', { scope: 'connection' })).toBe(2);
  });
});
