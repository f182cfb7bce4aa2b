import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, closeOf, metricValue, nextMessage, openClient, startTestServer, waitFor } from './server.test-support.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Sends raw request bytes and resolves with the status line the server returns.
async function rawStatus(port: number, request: string): Promise<string> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  socket.write(request);
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  await once(socket, 'close');
  return received.split('\r\n', 1)[0] ?? '';
}

const upgradeHead = (port: number, extra: string[] = []): string =>
  [
    'GET / HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...extra,
  ].join('\r\n');

describe('upgrade checks', () => {
  it('rejects a denied address range with 403', async () => {
    server = await startTestServer({ deniedAddresses: ['127.0.0.0/8'] });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 403 });
    expect(metricValue(await server.metrics(), 'ws_upgrades_total', { outcome: 'ERR_ACCESS_ADDRESS_FORBIDDEN' })).toBe(1);
  });

  it('rejects an address outside the allow list with 403', async () => {
    server = await startTestServer({ allowedAddresses: ['10.0.0.0/8'] });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 403 });
  });

  it('reads X-Forwarded-For only from a trusted proxy', async () => {
    server = await startTestServer({ trustedProxies: ['loopback'], deniedAddresses: ['203.0.113.0/24'] });
    await expect(openClient(server.url, { headers: { 'x-forwarded-for': '203.0.113.9' } })).rejects.toMatchObject({ statusCode: 403 });
    const allowed = await openClient(server.url, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    allowed.close();
    await server.close();

    server = await startTestServer({ deniedAddresses: ['203.0.113.0/24'] });
    const untrusted = await openClient(server.url, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    untrusted.close();
  });

  it('rejects past the caps with 429 and 503', async () => {
    server = await startTestServer({ maxConnectionsPerAddress: 2 });
    const first = [await openClient(server.url), await openClient(server.url)];
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 429 });
    for (const client of first) client.close();
    await Promise.all(first.map(closeOf));
    await server.close();

    server = await startTestServer({ maxConnections: 1 });
    const only = await openClient(server.url);
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 503 });
    only.close();
  });

  it('frees a slot once a connection closes', async () => {
    server = await startTestServer({ maxConnections: 1 });
    const first = await openClient(server.url);
    first.close();
    await closeOf(first);
    await waitFor(() => server?.service.connectionCount === 0);
    const second = await openClient(server.url);
    second.close();
  });

  it('frees slots of failed handshakes and resets', async () => {
    server = await startTestServer({ maxConnections: 1 });
    for (let i = 0; i < 3; i += 1) {
      const status = await rawStatus(server.port, `${upgradeHead(server.port).replace('Version: 13', 'Version: 7')}\r\n\r\n`);
      expect(status).toBe('HTTP/1.1 400 Bad Request');
    }
    const reset = await openClient(server.url);
    reset.terminate();
    await closeOf(reset);
    await waitFor(() => server?.service.connectionCount === 0);

    const next = await openClient(server.url);

    expect(next.readyState).toBe(next.OPEN);
    next.close();
  });

  it('caps unauthenticated connections separately', async () => {
    server = await startTestServer<{ userId: string }>(
      { requireAuthentication: true, maxUnauthenticatedPerAddress: 1 },
      {
        handler: {
          onMessage(connection, text) {
            connection.session = { userId: text };
            connection.send('authenticated');
          },
        },
      },
    );
    const pending = await openClient(server.url);
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 429 });
    pending.send('carol');
    expect(await nextMessage(pending)).toBe('authenticated');
    const next = await openClient(server.url);
    next.close();
    pending.close();
  });

  it('rejects a foreign Origin with 403 and accepts a listed one', async () => {
    server = await startTestServer({ allowedOrigins: ['https://app.example.com'] });
    await expect(openClient(server.url, { origin: 'https://evil.example.net' })).rejects.toMatchObject({ statusCode: 403 });
    const listed = await openClient(server.url, { origin: 'https://APP.example.com:443' });
    listed.close();
    const noOrigin = await openClient(server.url);
    noOrigin.close();
    expect(metricValue(await server.metrics(), 'ws_upgrades_total', { outcome: 'ERR_ACCESS_ORIGIN_FORBIDDEN' })).toBe(1);
  });

  it('rejects a missing Origin when configured to', async () => {
    server = await startTestServer({ allowedOrigins: ['https://app.example.com'], missingOrigin: 'reject' });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 403 });
  });

  it('rejects any Origin without an allowlist', async () => {
    server = await startTestServer({});
    await expect(openClient(server.url, { origin: 'https://app.example.com' })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('rejects upgrades with 503 while draining', async () => {
    server = await startTestServer({ shutdownTimeoutMs: 1_000, closeTimeoutMs: 5_000 });
    const { port } = server;
    // A client that ignores the close frame keeps the server draining.
    const stubborn = connectTcp({ host: '127.0.0.1', port });
    stubborn.on('error', () => undefined);
    await once(stubborn, 'connect');
    stubborn.write(`${upgradeHead(port)}\r\n\r\n`);
    await once(stubborn, 'data');
    const closing = server.close();
    expect(server.service.isReady).toBe(false);
    expect(await rawStatus(port, `${upgradeHead(port)}\r\n\r\n`)).toBe('HTTP/1.1 503 Service Unavailable');
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(readyz.status).toBe(503);
    await closing;
    stubborn.destroy();
  });

  it('answers an upgrade whose headers never finish with 408', async () => {
    server = await startTestServer({ handshakeTimeoutMs: 300 });
    const status = await rawStatus(server.port, `${upgradeHead(server.port)}\r\n`);
    expect(status).toBe('HTTP/1.1 408 Request Timeout');
    expect(metricValue(await server.metrics(), 'ws_upgrades_total', { outcome: 'ERR_TIMEOUT_HANDSHAKE' })).toBe(1);
  });

  it('answers oversized request headers with 431', async () => {
    server = await startTestServer({});
    const status = await rawStatus(server.port, `${upgradeHead(server.port, [`X-Big: ${'a'.repeat(20_000)}`])}\r\n\r\n`);
    expect(status).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(metricValue(await server.metrics(), 'ws_upgrades_total', { outcome: 'ERR_PROTOCOL_HEADERS_TOO_LARGE' })).toBe(1);
    const line = server.logs.find((entry) => entry.msg === 'upgrade rejected');
    expect(line?.['status']).toBe(431);
  });

  it('answers a malformed upgrade with 400', async () => {
    server = await startTestServer({});
    const status = await rawStatus(server.port, `${upgradeHead(server.port).replace('Version: 13', 'Version: 7')}\r\n\r\n`);
    expect(status).toBe('HTTP/1.1 400 Bad Request');
    expect(metricValue(await server.metrics(), 'ws_upgrades_total', { outcome: 'ERR_PROTOCOL_BAD_HANDSHAKE' })).toBe(1);
  });
});
