import type { IncomingMessage } from 'node:http';
import { createError } from '@proj/errors';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from './connection.js';
import { type TestServer, closeOf, metricValue, nextMessage, openClient, startTestServer, waitFor } from './server.test-support.js';

interface Session {
  userId: string;
}

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('authenticateUpgrade', () => {
  it('sets the session before onOpen', async () => {
    const seen: Array<Session | undefined> = [];
    server = await startTestServer<Session>(
      {},
      {
        authenticateUpgrade: async (request) => ({ userId: String(request.headers['x-user']) }),
        handler: {
          onOpen: (connection: Connection<Session>) => void seen.push(connection.session),
          onMessage: (connection, text) => void connection.send(`${connection.session?.userId}: ${text}`),
        },
      },
    );
    const client = await openClient(server.url, { headers: { 'x-user': 'alice' } });
    client.send('hi');
    expect(await nextMessage(client)).toBe('alice: hi');
    expect(seen).toEqual([{ userId: 'alice' }]);
    client.close();
    expect(metricValue(await server.metrics(), 'ws_auth_total', { outcome: 'authenticated' })).toBe(1);
  });

  it('rejects with the HTTP status of a thrown toolkit error', async () => {
    server = await startTestServer({}, {
      authenticateUpgrade: () => {
        throw createError('ERR_AUTH_TOKEN_INVALID', 'signature mismatch');
      },
    });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 401 });
    const text = await server.metrics();
    expect(metricValue(text, 'ws_upgrades_total', { outcome: 'ERR_AUTH_TOKEN_INVALID' })).toBe(1);
    expect(metricValue(text, 'ws_auth_total', { outcome: 'ERR_AUTH_TOKEN_INVALID' })).toBe(1);
    const line = server.logs.find((entry) => entry.msg === 'upgrade rejected');
    expect(line?.level).toBe('warn');
    expect(line?.['status']).toBe(401);
  });

  it('rejects with 403 for a revoked token', async () => {
    server = await startTestServer({}, {
      authenticateUpgrade: async () => Promise.reject(createError('ERR_AUTH_TOKEN_REVOKED')),
    });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 403 });
  });

  it('rejects with 500 and an error log when the hook fails unexpectedly', async () => {
    server = await startTestServer({}, {
      authenticateUpgrade: () => {
        throw new TypeError('database client missing');
      },
    });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 500 });
    const lines = server.logs.filter((entry) => entry.msg === 'upgrade rejected');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.['code']).toBe('ERR_INTERNAL');
  });

  it('rejects with 408 when the hook never settles', async () => {
    server = await startTestServer({ handshakeTimeoutMs: 200 }, { authenticateUpgrade: () => new Promise<never>(() => undefined) });
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 408 });
    expect(metricValue(await server.metrics(), 'ws_upgrades_total', { outcome: 'ERR_TIMEOUT_HANDSHAKE' })).toBe(1);
  });

  it('ignores a hook that settles after the timeout', async () => {
    let settled = false;
    server = await startTestServer<Session>(
      { handshakeTimeoutMs: 100 },
      {
        authenticateUpgrade: () =>
          new Promise<Session>((resolve) => {
            setTimeout(() => {
              settled = true;
              resolve({ userId: 'late' });
            }, 300);
          }),
      },
    );
    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 408 });
    await waitFor(() => settled);
    await new Promise((resolve) => setImmediate(resolve));
    const text = await server.metrics();
    expect(metricValue(text, 'ws_upgrades_total', { outcome: 'accepted' })).toBe(0);
    expect(metricValue(text, 'ws_auth_total', { outcome: 'authenticated' })).toBe(0);
    expect(metricValue(text, 'ws_auth_total', { outcome: 'ERR_TIMEOUT_HANDSHAKE' })).toBe(1);
    expect(server.service.connectionCount).toBe(0);
  });

  it('accepts a session returned synchronously', async () => {
    server = await startTestServer<Session>(
      { requireAuthentication: true, maxUnauthenticatedConnections: 0 },
      {
        authenticateUpgrade: () => ({ userId: 'carol' }),
        handler: { onMessage: (connection, text) => void connection.send(`${connection.session?.userId}: ${text}`) },
      },
    );
    const client = await openClient(server.url);
    client.send('hi');
    expect(await nextMessage(client)).toBe('carol: hi');
    client.close();
    expect(metricValue(await server.metrics(), 'ws_auth_total', { outcome: 'authenticated' })).toBe(1);
  });

  it('lets the connection authenticate in-band when the hook returns nothing', async () => {
    server = await startTestServer<Session>(
      { requireAuthentication: true },
      {
        authenticateUpgrade: () => undefined,
        handler: {
          onMessage(connection, text) {
            connection.session = { userId: text };
            connection.send('ok');
          },
        },
      },
    );
    const client = await openClient(server.url);
    client.send('bob');
    expect(await nextMessage(client)).toBe('ok');
    client.close();
    await closeOf(client);
    expect(metricValue(await server.metrics(), 'ws_auth_total', { outcome: 'authenticated' })).toBe(1);
  });
});

describe('unauthenticated pool', () => {
  const userFromHeader = (request: IncomingMessage): Session | undefined => {
    const user = request.headers['x-user'];
    return typeof user === 'string' ? { userId: user } : undefined;
  };

  it('admits an upgrade token while the pool is full', async () => {
    server = await startTestServer<Session>(
      { requireAuthentication: true, maxUnauthenticatedConnections: 1, maxUnauthenticatedPerAddress: 1 },
      { authenticateUpgrade: userFromHeader },
    );
    const anonymous = await openClient(server.url);

    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 503 });
    const authenticated = await openClient(server.url, { headers: { 'x-user': 'erin' } });
    authenticated.send('hi');

    expect(await nextMessage(authenticated)).toBe('echo: hi');
    authenticated.close();
    anonymous.close();
  });

  it('admits an upgrade token at the address pool cap', async () => {
    server = await startTestServer<Session>(
      { requireAuthentication: true, maxUnauthenticatedPerAddress: 1 },
      { authenticateUpgrade: userFromHeader },
    );
    const anonymous = await openClient(server.url);

    await expect(openClient(server.url)).rejects.toMatchObject({ statusCode: 429 });
    const authenticated = await openClient(server.url, { headers: { 'x-user': 'frank' } });

    expect(authenticated.readyState).toBe(authenticated.OPEN);
    authenticated.close();
    anonymous.close();
  });

  it('still holds authenticated clients to the global cap', async () => {
    server = await startTestServer<Session>({ requireAuthentication: true, maxConnections: 1 }, { authenticateUpgrade: userFromHeader });
    const first = await openClient(server.url, { headers: { 'x-user': 'grace' } });

    await expect(openClient(server.url, { headers: { 'x-user': 'heidi' } })).rejects.toMatchObject({ statusCode: 503 });
    first.close();
  });
});

describe('in-band authentication', () => {
  it('counts a failure that closes the connection', async () => {
    server = await startTestServer({ requireAuthentication: true }, {
      handler: {
        onMessage(connection) {
          connection.fail(createError('ERR_AUTH_TOKEN_INVALID', 'bad signature'));
        },
      },
    });
    const client = await openClient(server.url);
    client.send('not a token');
    expect((await closeOf(client)).code).toBe(4401);
    expect(metricValue(await server.metrics(), 'ws_auth_total', { outcome: 'ERR_AUTH_TOKEN_INVALID' })).toBe(1);
  });
});

describe('subprotocol selection', () => {
  it('selects a listed protocol and never echoes a token', async () => {
    server = await startTestServer({ subprotocols: ['bearer'] });
    const client = await openClient(server.url, { protocols: ['eyJhbGciOiJIUzI1NiJ9.e30.sig', 'bearer'] });
    expect(client.protocol).toBe('bearer');
    client.close();
  });

  it('ignores a hook choice outside the list', async () => {
    server = await startTestServer({ subprotocols: ['chat.v1'] }, { selectProtocol: (offered) => [...offered][0] });
    const token = 'eyJhbGciOiJIUzI1NiJ9.e30.sig';
    await expect(openClient(server.url, { protocols: [token] })).rejects.toThrow();
  });
});
