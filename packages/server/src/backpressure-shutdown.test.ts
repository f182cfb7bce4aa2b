import { errorRegistry } from '@proj/errors';
import { clientFrame, openRawWebSocket } from '@proj/testkit';
import type WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, closeOf, metricValue, nextMessage, openClient, startTestServer, waitFor } from './server.test-support.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noRateLimit = { points: 0, durationMs: 1_000 };

describe('outbound backpressure', () => {
  it('closes a client that stops reading while others keep their replies', async () => {
    server = await startTestServer({
      sendHighWaterMarkBytes: 256 * 1024,
      closeTimeoutMs: 200,
      rateLimitPerConnection: noRateLimit,
      rateLimitPerAddress: noRateLimit,
    });
    const normal = await openClient(server.url);
    const slow = await openRawWebSocket(server.port);
    slow.socket.pause();
    const payload = 'z'.repeat(10 * 1024);
    const frame = clientFrame({ opcode: 0x1, payload });
    // Bounded flood: at most 4,000 frames of 10 KiB, stopping once the server gives up on the client.
    for (let i = 0; i < 4_000 && !slow.socket.destroyed; i += 1) {
      if (!slow.socket.write(frame)) await new Promise((resolve) => setTimeout(resolve, 1));
      if (i % 200 === 0) {
        normal.send(`ping ${i}`);
        expect(await nextMessage(normal, 1_000)).toBe(`echo: ping ${i}`);
      }
      if (server.logs.some((line) => line.msg === 'send queue over high-water mark, closing')) break;
    }
    expect(server.logs.some((line) => line.msg === 'send queue over high-water mark, closing')).toBe(true);
    // A paused socket never reads the server's FIN, so resume it to observe the end.
    slow.socket.resume();
    await slow.ended;
    await waitFor(() => server?.service.connectionCount === 1);
    const text = await server.metrics();
    expect(metricValue(text, 'ws_backpressure_closes_total')).toBe(1);
    expect(metricValue(text, 'ws_errors_total', { code: 'ERR_SERVER_SLOW_CONSUMER' })).toBe(1);
    normal.send('after');
    expect(await nextMessage(normal)).toBe('echo: after');
    normal.close();
  });
});

describe('graceful shutdown', () => {
  it('flushes queued replies and closes every client with 1001 under traffic', async () => {
    let handled = 0;
    server = await startTestServer(
      { shutdownTimeoutMs: 2_000, rateLimitPerConnection: noRateLimit, rateLimitPerAddress: noRateLimit },
      {
        handler: {
          onMessage(connection, text) {
            handled += 1;
            connection.send(`echo: ${text}`);
          },
        },
      },
    );
    const clients: WebSocket[] = [];
    for (let i = 0; i < 20; i += 1) clients.push(await openClient(server.url));
    let replies = 0;
    const closes = clients.map((client) => {
      client.on('message', () => (replies += 1));
      return closeOf(client);
    });
    const timers = clients.map((client, i) =>
      setInterval(() => {
        if (client.readyState === client.OPEN) client.send(`client ${i}`);
      }, 10),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.close();
    for (const timer of timers) clearInterval(timer);
    const closed = await Promise.all(closes);
    expect(closed.map((close) => close.code)).toEqual(clients.map(() => 1001));
    expect(closed.map((close) => close.reason)).toEqual(clients.map(() => errorRegistry.ERR_SERVER_SHUTTING_DOWN.publicMessage));
    expect(handled).toBeGreaterThan(0);
    expect(replies).toBe(handled);
    expect(server.logs.find((line) => line.msg === 'shutdown complete')).toMatchObject({ closed: 20, terminated: 0 });
  });

  it('terminates a client that ignores the close frame at the deadline', async () => {
    server = await startTestServer({ shutdownTimeoutMs: 300, closeTimeoutMs: 10_000 });
    const stubborn = await openRawWebSocket(server.port);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1_300);
    await stubborn.ended;
    expect(server.logs.find((line) => line.msg === 'shutdown complete')).toMatchObject({ closed: 0, terminated: 1 });
  });

  it('waits for no one when idle', async () => {
    server = await startTestServer({});
    const client = await openClient(server.url);
    client.close();
    await closeOf(client);
    await waitFor(() => server?.service.connectionCount === 0);
    await server.close();
    expect(server.service.isReady).toBe(false);
  });
});
