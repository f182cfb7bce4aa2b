import { createError } from '@proj/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, closeOf, metricValue, nextMessage, openClient, startTestServer, waitFor } from './server.test-support.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const failingHandler = {
  async onMessage(connection: { send(text: string): boolean }, text: string): Promise<void> {
    if (text === 'throw') throw new Error('handler bug');
    if (text === 'reject') return Promise.reject(new RangeError('async handler bug'));
    if (text === 'invalid') throw createError('ERR_VALIDATION_SCHEMA', 'field x missing');
    if (text === 'unauthorized') throw createError('ERR_AUTH_REQUIRED');
    connection.send(`echo: ${text}`);
  },
};

describe('handler error boundary', () => {
  it('closes 1011 on a throwing handler and keeps serving others', async () => {
    server = await startTestServer({}, {
      handler: {
        onMessage(connection, text) {
          if (text === 'throw') throw new Error('handler bug');
          connection.send(`echo: ${text}`);
        },
      },
    });
    const bystander = await openClient(server.url);
    const victim = await openClient(server.url);
    victim.send('throw');
    expect((await closeOf(victim)).code).toBe(1011);
    bystander.send('still here');
    expect(await nextMessage(bystander)).toBe('echo: still here');
    const line = server.logs.find((entry) => entry.msg === 'handler failed');
    expect(line?.level).toBe('error');
    expect(line?.['connectionId']).toEqual(expect.any(String));
    expect(line?.['code']).toBe('ERR_INTERNAL');
    bystander.close();
    await waitFor(() => server?.service.connectionCount === 0);
    const text = await server.metrics();
    expect(metricValue(text, 'ws_errors_total', { code: 'ERR_INTERNAL' })).toBe(1);
    expect(metricValue(text, 'ws_closes_total', { code: '1011' })).toBe(1);
  });

  it('closes 1011 on a rejecting handler', async () => {
    server = await startTestServer({}, { handler: failingHandler });
    const client = await openClient(server.url);
    client.send('reject');
    expect((await closeOf(client)).code).toBe(1011);
    expect(server.logs.filter((entry) => entry.msg === 'handler failed' && entry.level === 'error')).toHaveLength(1);
  });

  it('closes a client fault with its own code', async () => {
    server = await startTestServer({}, { handler: failingHandler });
    const client = await openClient(server.url);
    client.send('unauthorized');
    expect((await closeOf(client)).code).toBe(4401);
    const line = server.logs.find((entry) => entry.msg === 'handler failed');
    expect(line?.level).toBe('info');
  });

  it('replies to an invalid message and closes 1008 past the budget', async () => {
    server = await startTestServer({ invalidMessageBudget: 2 }, { handler: failingHandler });
    const client = await openClient(server.url);
    for (let i = 0; i < 2; i += 1) {
      client.send('invalid');
      expect(JSON.parse(await nextMessage(client))).toEqual({ type: 'error', code: 'ERR_VALIDATION_SCHEMA', message: 'field x missing' });
    }
    client.send('fine');
    expect(await nextMessage(client)).toBe('echo: fine');
    client.send('invalid');
    expect((await closeOf(client)).code).toBe(1008);
  });

  it('closes a binary message with 1003', async () => {
    server = await startTestServer({});
    const client = await openClient(server.url);
    client.send(Buffer.from([1, 2, 3]));
    expect((await closeOf(client)).code).toBe(1003);
  });

  it('records handler latency', async () => {
    server = await startTestServer({});
    const client = await openClient(server.url);
    client.send('timed');
    await nextMessage(client);
    client.close();
    expect(metricValue(await server.metrics(), 'ws_handler_duration_seconds_count')).toBe(1);
  });
});

describe('Connection.end', () => {
  it('cuts a 200-byte reason to 123 bytes of UTF-8', async () => {
    const reason = 'é'.repeat(100);
    server = await startTestServer({}, { handler: { onMessage: (connection) => connection.end(reason) } });
    const client = await openClient(server.url);
    client.send('bye');

    const closed = await closeOf(client);

    expect(Buffer.byteLength(reason)).toBe(200);
    expect(closed.code).toBe(1000);
    expect(closed.reason).toBe('é'.repeat(61));
    expect(server.logs.filter((entry) => entry.msg === 'handler failed')).toEqual([]);
  });
});
