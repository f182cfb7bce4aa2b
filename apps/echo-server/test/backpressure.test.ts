import { type AppProcess, clientFrame, connect, fetchMetrics, openRawWebSocket, startApp, sumMetric } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let app: AppProcess;

beforeAll(async () => {
  app = await startApp('echo-server', {
    env: { SEND_HIGH_WATER_MARK: '256KiB', CLOSE_TIMEOUT: '300ms', RATE_LIMIT_CONNECTION: '0', RATE_LIMIT_ADDRESS: '0' },
  });
});

afterAll(async () => {
  await app.stop();
});

describe('echo-server slow consumer', () => {
  it('closes a client that stops reading while others keep getting replies', async () => {
    const others = await Promise.all(Array.from({ length: 5 }, () => connect(app.url)));
    const slow = await openRawWebSocket(app.port);
    slow.socket.pause();
    const frame = clientFrame({ opcode: 0x1, payload: 'q'.repeat(10 * 1024) });
    const slowestReplyMs: number[] = [];
    // At most 10,000 frames of 10 KiB; the loop stops as soon as the server gives up on the client.
    for (let i = 0; i < 10_000; i += 1) {
      if (!slow.socket.write(frame)) await new Promise((resolve) => setTimeout(resolve, 1));
      if (i % 250 === 0) {
        const started = Date.now();
        const replies = await Promise.all(others.map((client, n) => client.request(`ping ${i}/${n}`, 2_000)));
        slowestReplyMs.push(Date.now() - started);
        expect(replies).toEqual(others.map((_, n) => `Server received: ping ${i}/${n}`));
      }
      if (app.logs.some((line) => line.msg === 'send queue over high-water mark, closing')) break;
    }
    const closing = await app.waitForLog((line) => line.msg === 'send queue over high-water mark, closing');
    expect(closing.level).toBe('warn');
    expect(closing['code']).toBe('ERR_SERVER_SLOW_CONSUMER');
    // A paused socket never reads the server's FIN, so resume it to observe the end.
    slow.socket.resume();
    await slow.ended;
    expect(slowestReplyMs.length).toBeGreaterThan(0);
    const metrics = (await fetchMetrics(app.port)) ?? [];
    expect(sumMetric(metrics, 'ws_backpressure_closes_total')).toBe(1);
    expect(sumMetric(metrics, 'ws_errors_total', { code: 'ERR_SERVER_SLOW_CONSUMER' })).toBe(1);
    for (const client of others) expect(await client.request('after')).toBe('Server received: after');
    for (const client of others) client.close();
  });
});
