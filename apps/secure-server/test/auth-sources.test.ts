import { randomBytes } from 'node:crypto';
import { type AppProcess, clientFrame, connect, openRawWebSocket, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const secret = randomBytes(32).toString('hex');
let app: AppProcess;

const mint = (payload: Record<string, unknown>, options: jwt.SignOptions = { expiresIn: '5m' }): string =>
  jwt.sign(payload, secret, { algorithm: 'HS256', ...options });
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsigned = (alg: string, signature = ''): string => `${encode({ alg, typ: 'JWT' })}.${encode({ sub: 'admin', exp: 4102444800 })}.${signature}`;

async function upgradeStatus(url: string, options: Parameters<typeof connect>[1]): Promise<number | undefined> {
  try {
    const client = await connect(url, options);
    client.close();
    return 101;
  } catch (err) {
    return (err as { statusCode?: number }).statusCode;
  }
}

beforeAll(async () => {
  app = await startApp('secure-server', { env: { JWT_SECRET: secret, AUTH_TIMEOUT: '700ms', LOG_LEVEL: 'debug' } });
});

afterAll(async () => {
  await app.stop();
});

describe('secure-server upgrade credentials', () => {
  it('authenticates a Bearer header at the upgrade', async () => {
    const client = await connect(app.url, { headers: { authorization: `Bearer ${mint({ sub: 'header-user' })}` } });
    expect(await client.request('hi')).toBe('Server received: hi');
    await app.waitForLog((line) => line.msg === 'authenticated' && line['userId'] === 'header-user' && line['source'] === 'authorization-header');
    client.close();
  });

  it('authenticates a subprotocol token without echoing it', async () => {
    const token = mint({ sub: 'browser-user' });
    const client = await connect(app.url, { protocols: ['proj.v1', `proj.token.${token}`] });
    expect(client.socket.protocol).toBe('proj.v1');
    expect(await client.request('{"type":"whoami","requestId":"r1"}')).toContain('"userId":"browser-user"');
    client.close();
  });

  it('rejects a query-string token by default', async () => {
    expect(await upgradeStatus(`${app.url}/?access_token=${mint({ sub: 'q' })}`, {})).toBe(401);
  });

  const forged: Array<[string, string]> = [
    ['alg none', unsigned('none')],
    ['alg NonE', unsigned('NonE')],
    ['alg none with a junk signature', unsigned('none', 'junk')],
    ['a bad signature', jwt.sign({ sub: 'x' }, 'y'.repeat(32), { algorithm: 'HS256', expiresIn: '5m' })],
  ];
  for (const [name, token] of forged) {
    it(`answers ${name} at the upgrade with 401`, async () => {
      expect(await upgradeStatus(app.url, { headers: { authorization: `Bearer ${token}` } })).toBe(401);
    });
  }

  it('answers an expired token at the upgrade with 401', async () => {
    const token = mint({ sub: 'late', exp: Math.floor(Date.now() / 1000) - 3600 }, {});
    expect(await upgradeStatus(app.url, { headers: { authorization: `Bearer ${token}` } })).toBe(401);
  });
});

describe('secure-server first message', () => {
  it('speaks JSON after a JSON auth message', async () => {
    const client = await connect(app.url);
    const ok = JSON.parse(await client.request(JSON.stringify({ type: 'auth', token: mint({ sub: 'json-user' }) }))) as Record<string, unknown>;
    expect(ok['type']).toBe('auth.ok');
    expect(ok['userId']).toBe('json-user');
    expect(JSON.parse(await client.request('{"type":"echo","text":"héllo","requestId":"e1"}'))).toEqual({ type: 'echo', text: 'héllo', requestId: 'e1' });
    const whoami = JSON.parse(await client.request('{"type":"whoami"}')) as Record<string, unknown>;
    expect(whoami['userId']).toBe('json-user');
    expect(whoami['sessionId']).toBe(ok['sessionId']);
    const invalid = JSON.parse(await client.request('{"type":"echo"}')) as Record<string, unknown>;
    expect(invalid['code']).toBe('ERR_VALIDATION_SCHEMA');
    client.socket.send('{"type":"logout"}');
    expect((await client.closed).code).toBe(1000);
  });

  it('answers a bad JSON auth token with a generic error and 4401', async () => {
    const client = await connect(app.url);
    const reply = JSON.parse(await client.request(JSON.stringify({ type: 'auth', token: unsigned('none') }))) as Record<string, unknown>;
    expect(reply).toEqual({ type: 'error', code: 'ERR_AUTH_TOKEN_INVALID', message: 'Authentication failed' });
    expect((await client.closed).code).toBe(4401);
    await app.waitForLog((line) => line.msg === 'authentication failed' && String(line['reason']).startsWith('unsigned token rejected'));
  });

  it('closes with 4401 for another JSON message before auth', async () => {
    const client = await connect(app.url);
    client.socket.send('{"type":"echo","text":"early"}');
    expect((await client.closed).code).toBe(4401);
  });

  it('closes with 4408 when nothing arrives', async () => {
    const client = await connect(app.url);
    expect((await client.closed).code).toBe(4408);
  });

  it('caps messages before authentication', async () => {
    const raw = await openRawWebSocket(app.port);
    raw.socket.write(clientFrame({ opcode: 0x1, payload: 'x'.repeat(9 * 1024) }));
    expect(await raw.closeCode()).toBe(1009);
    raw.socket.destroy();
  });

  it('handles a token and a message sent back to back', async () => {
    const client = await connect(app.url);
    client.socket.send(mint({ sub: 'eager' }));
    client.socket.send('right away');
    expect(await client.nextMessage()).toBe('Authenticated!');
    expect(await client.nextMessage()).toBe('Server received: right away');
    client.close();
  });
});

describe('secure-server with query tokens allowed', () => {
  it('accepts ?access_token= only when opted in', async () => {
    const dangerous = await startApp('secure-server', { env: { JWT_SECRET: secret, DANGEROUSLY_ALLOW_QUERY_TOKEN: 'true', LOG_LEVEL: 'debug' } });
    try {
      const token = mint({ sub: 'query-user' });
      const client = await connect(`${dangerous.url}/?access_token=${token}`);
      expect(await client.request('ping')).toBe('Server received: ping');
      client.close();
      await dangerous.waitForLog((line) => line.msg === 'authenticated' && line['source'] === 'query');
      expect(dangerous.output.stdout).not.toContain(token.split('.')[2]);
    } finally {
      await dangerous.stop();
    }
  });
});
