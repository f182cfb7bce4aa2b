import { type AppProcess, connect, openRawWebSocket, sendRawHttp, startApp, upgradeRequest } from '@proj/testkit';
import { describe, expect, it } from 'vitest';

const SHUTDOWN_TIMEOUT_MS = 1_500;

describe('echo-server shutdown', () => {
  it('drains under traffic and exits 0', async () => {
    const app: AppProcess = await startApp('echo-server', {
      env: { SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`, CLOSE_TIMEOUT: '10s', RATE_LIMIT_CONNECTION: '0', RATE_LIMIT_ADDRESS: '0' },
    });
    const clients = await Promise.all(Array.from({ length: 50 }, () => connect(app.url)));
    const sent = clients.map(() => [] as string[]);
    const timers = clients.map((client, i) =>
      setInterval(() => {
        if (client.socket.readyState !== client.socket.OPEN) return;
        const text = `client ${i} message ${sent[i]?.length ?? 0}`;
        sent[i]?.push(text);
        client.socket.send(text);
      }, 20),
    );
    // A raw client that never returns the close frame keeps the server draining until the deadline.
    const stubborn = await openRawWebSocket(app.port);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    await app.waitForLog((line) => line.msg === 'shutting down');
    const refused = await sendRawHttp(app.port, upgradeRequest(app.port), { untilHead: true });
    expect(refused.statusCode).toBe(503);
    expect((await fetch(`http://127.0.0.1:${app.port}/readyz`)).status).toBe(503);

    const closes = await Promise.all(clients.map((client) => client.closed));
    for (const timer of timers) clearInterval(timer);
    expect(closes.map((close) => close.code)).toEqual(clients.map(() => 1001));
    clients.forEach((client, i) => {
      // Every reply the server queued arrived, in order, with no gap.
      const expected = (sent[i] ?? []).slice(0, client.received.length).map((text) => `Server received: ${text}`);
      expect(client.received).toEqual(expected);
      expect(client.received.length).toBeGreaterThan(0);
    });

    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
    await stubborn.ended;
    const done = await app.waitForLog((line) => line.msg === 'shutdown complete');
    expect(done).toMatchObject({ closed: 50, terminated: 1 });
  });
});
