import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { upgradeRequest } from '@proj/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from './options.js';
import { type TestServer, metricValue, openClient, startTestServer, waitFor } from './server.test-support.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

// About one reset in ten reaches the upgrade listener after the peer address is gone,
// so 100 rounds meet that case at least once. Each round takes a few milliseconds on loopback.
const ROUNDS = 100;

// Writes the first `bytes` bytes of an upgrade request and resets the connection with a TCP RST at once.
async function resetAfterWriting(port: number, bytes?: number): Promise<void> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  socket.write(upgradeRequest(port).slice(0, bytes));
  const closed = once(socket, 'close');
  socket.resetAndDestroy();
  await closed;
}

// Resets `rounds` connections after `bytes` bytes, then upgrades once more. That upgrade is
// handled after the resets, and its success shows the server still serves.
async function resetRounds(target: TestServer, bytes?: number): Promise<string> {
  for (let round = 0; round < ROUNDS; round += 1) await resetAfterWriting(target.port, bytes);
  const probe = await openClient(target.url);
  probe.close();
  await waitFor(() => target.service.connectionCount === 0);
  return target.metrics();
}

describe.each<{ name: string; options: ServerOptions }>([
  { name: 'socket address', options: {} },
  { name: 'trusted proxy', options: { trustedProxies: ['loopback'] } },
])('upgrade reset with $name', ({ options }) => {
  it('drops a reset request quietly, never as a 403', async () => {
    server = await startTestServer(options);

    const text = await resetRounds(server);

    expect(server.logs.filter((line) => line.msg === 'upgrade rejected')).toEqual([]);
    expect(metricValue(text, 'ws_upgrades_total', { outcome: 'ERR_ACCESS_ADDRESS_FORBIDDEN' })).toBe(0);
    expect(metricValue(text, 'ws_upgrades_total', { outcome: 'aborted' })).toBeGreaterThan(0);
    const aborted = server.logs.filter((line) => line.msg === 'upgrade aborted by the client');
    expect(aborted.length).toBeGreaterThan(0);
    expect(aborted.every((line) => line.level === 'debug')).toBe(true);
  });

  it('drops a reset mid request line without a 400', async () => {
    server = await startTestServer(options);

    const text = await resetRounds(server, 20);

    expect(server.logs.filter((line) => line.msg === 'upgrade rejected')).toEqual([]);
    expect(metricValue(text, 'ws_upgrades_total', { outcome: 'ERR_PROTOCOL_BAD_HANDSHAKE' })).toBe(0);
  });
});
