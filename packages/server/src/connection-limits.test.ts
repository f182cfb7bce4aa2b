import { clientFrame, openRawWebSocket } from '@proj/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, closeOf, metricValue, nextMessage, openClient, startTestServer, waitFor } from './server.test-support.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('message size limits', () => {
  it('accepts the exact limit, closes limit + 1', async () => {
    server = await startTestServer({ maxPayloadBytes: 1024 });
    const client = await openClient(server.url);
    client.send('x'.repeat(1024));
    expect(await nextMessage(client)).toBe(`echo: ${'x'.repeat(1024)}`);
    client.send('x'.repeat(1025));
    expect((await closeOf(client)).code).toBe(1009);
    await waitFor(() => server?.service.connectionCount === 0);
    expect(metricValue(await server.metrics(), 'ws_closes_total', { code: '1009' })).toBe(1);
  });

  it('closes an announced 200 MiB frame at once without its body', async () => {
    server = await startTestServer({});
    const raw = await openRawWebSocket(server.port);
    // Text frame header announcing 200 MiB, then nothing more.
    raw.socket.write(Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0x0c, 0x80, 0, 0, 0, 0, 0, 0]));
    expect(await raw.closeCode(2_000)).toBe(1009);
    const line = server.logs.find((entry) => entry.msg === 'connection error');
    expect(line?.['code']).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(line?.['wsCode']).toBe('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
    expect(line?.['announcedBytes']).toBe(200 * 1024 * 1024);
  });

  it('closes a 64-bit length with the top bit set', async () => {
    server = await startTestServer({});
    const raw = await openRawWebSocket(server.port);
    raw.socket.write(Buffer.from([0x81, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(await raw.closeCode(2_000)).toBe(1009);
  });

  it('holds unauthenticated connections to the smaller limit', async () => {
    server = await startTestServer<{ userId: string }>(
      { requireAuthentication: true, preAuthMaxPayloadBytes: 100 },
      {
        handler: {
          onMessage(connection, text) {
            if (text === 'login') connection.session = { userId: 'dave' };
            connection.send(`got ${text.length}`);
          },
        },
      },
    );
    const authenticated = await openClient(server.url);
    authenticated.send('login');
    expect(await nextMessage(authenticated)).toBe('got 5');
    authenticated.send('y'.repeat(500));
    expect(await nextMessage(authenticated)).toBe('got 500');
    authenticated.close();

    const anonymous = await openClient(server.url);
    anonymous.send('y'.repeat(101));
    expect((await closeOf(anonymous)).code).toBe(1009);
  });

  it('closes a message in too many fragments with 1008', async () => {
    server = await startTestServer({ maxFragments: 4 });
    const raw = await openRawWebSocket(server.port);
    raw.socket.write(clientFrame({ opcode: 0x1, payload: 'a', fin: false }));
    for (let i = 0; i < 5; i += 1) raw.socket.write(clientFrame({ opcode: 0x0, payload: 'a', fin: false }));
    // ws closes both its fragment and its buffered-chunk cap with 1008.
    expect(await raw.closeCode(2_000)).toBe(1008);
  });
});

describe('compression', () => {
  it('is off unless configured', async () => {
    server = await startTestServer({});
    const client = await openClient(server.url, { perMessageDeflate: true });
    expect(client.extensions).toBe('');
    client.close();
  });

  it('limits the inflated size of a compressed message', async () => {
    server = await startTestServer({ maxPayloadBytes: 4096, compression: { thresholdBytes: 256 } });
    const client = await openClient(server.url, { perMessageDeflate: true });
    expect(client.extensions).toContain('permessage-deflate');
    client.send('c'.repeat(4096));
    expect(await nextMessage(client)).toBe(`echo: ${'c'.repeat(4096)}`);
    // About 40 bytes on the wire that inflate to 4097.
    client.send('c'.repeat(4097));
    expect((await closeOf(client)).code).toBe(1009);
  });
});

describe('heartbeat', () => {
  it('terminates a peer that stops answering pings', async () => {
    server = await startTestServer({ heartbeatIntervalMs: 100 });
    const raw = await openRawWebSocket(server.port);
    await raw.ended;
    expect(server.logs.some((entry) => entry.msg === 'heartbeat timeout, connection terminated')).toBe(true);
    await waitFor(() => server?.service.connectionCount === 0);
    const text = await server.metrics();
    expect(metricValue(text, 'ws_errors_total', { code: 'ERR_TIMEOUT_HEARTBEAT' })).toBe(1);
    expect(metricValue(text, 'ws_closes_total', { code: '1006' })).toBe(1);
  });

  it('keeps a peer that answers pings', async () => {
    server = await startTestServer({ heartbeatIntervalMs: 50 });
    const client = await openClient(server.url);
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.send('still here');
    expect(await nextMessage(client)).toBe('echo: still here');
    client.close();
  });
});

describe('close handshake', () => {
  it('terminates a peer that ignores the close frame after the grace period', async () => {
    server = await startTestServer(
      { closeTimeoutMs: 200 },
      { handler: { onMessage: (connection) => connection.end('bye') } },
    );
    const raw = await openRawWebSocket(server.port);
    const started = Date.now();
    raw.socket.write(clientFrame({ opcode: 0x1, payload: 'close me' }));
    expect(await raw.closeCode()).toBe(1000);
    await raw.ended;
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => server?.service.connectionCount === 0);
  });
});

describe('rate limits', () => {
  it('warns first, then closes with 4429', async () => {
    server = await startTestServer({ rateLimitPerConnection: { points: 3, durationMs: 60_000 } });
    const client = await openClient(server.url);
    for (let i = 0; i < 3; i += 1) {
      client.send(`m${i}`);
      expect(await nextMessage(client)).toBe(`echo: m${i}`);
    }
    client.send('over');
    expect(JSON.parse(await nextMessage(client))).toMatchObject({ type: 'error', code: 'ERR_RATE_LIMITED' });
    client.send('over again');
    expect((await closeOf(client)).code).toBe(4429);
    await waitFor(() => server?.service.connectionCount === 0);
    const text = await server.metrics();
    expect(metricValue(text, 'ws_rate_limited_total', { scope: 'connection' })).toBe(2);
    expect(metricValue(text, 'ws_closes_total', { code: '4429' })).toBe(1);
  });

  it('counts every connection of an address together', async () => {
    server = await startTestServer({ rateLimitPerAddress: { points: 2, durationMs: 60_000 } });
    const first = await openClient(server.url);
    const second = await openClient(server.url);
    first.send('a');
    expect(await nextMessage(first)).toBe('echo: a');
    second.send('b');
    expect(await nextMessage(second)).toBe('echo: b');
    first.send('c');
    expect(JSON.parse(await nextMessage(first))).toMatchObject({ code: 'ERR_RATE_LIMITED' });
    expect(metricValue(await server.metrics(), 'ws_rate_limited_total', { scope: 'address' })).toBe(1);
    first.close();
    second.close();
  });

  it('limits a user across connections', async () => {
    server = await startTestServer<{ userId: string }>(
      { rateLimitPerUser: { points: 2, durationMs: 60_000 } },
      { authenticateUpgrade: () => ({ userId: 'erin' }) },
    );
    const first = await openClient(server.url);
    const second = await openClient(server.url);
    first.send('a');
    expect(await nextMessage(first)).toBe('echo: a');
    second.send('b');
    expect(await nextMessage(second)).toBe('echo: b');
    second.send('c');
    expect(JSON.parse(await nextMessage(second))).toMatchObject({ code: 'ERR_RATE_LIMITED' });
    expect(metricValue(await server.metrics(), 'ws_rate_limited_total', { scope: 'user' })).toBe(1);
    first.close();
    second.close();
  });

  it('keeps messages in order under the limiter', async () => {
    server = await startTestServer({});
    const client = await openClient(server.url);
    const received: string[] = [];
    client.on('message', (data) => received.push(data.toString()));
    for (let i = 0; i < 50; i += 1) client.send(String(i));
    await waitFor(() => received.length === 50);
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => `echo: ${i}`));
    client.close();
  });
});
