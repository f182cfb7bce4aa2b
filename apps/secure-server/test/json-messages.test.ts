import { randomBytes } from 'node:crypto';
import { type AppProcess, type TestClient, connect, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Hostile and malformed JSON before and after authentication: each gets its
// documented code in an error reply, and the server stays up for the next client.

const secret = randomBytes(32).toString('hex');
const INVALID_MESSAGE_BUDGET = 3;
let app: AppProcess;

const mint = (sub: string): string => jwt.sign({ sub }, secret, { algorithm: 'HS256', expiresIn: '5m' });
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

interface ErrorReply {
  type: string;
  code: string;
  message: string;
  issues?: Array<{ path: unknown[]; code: string; message: string }>;
}

async function authenticatedJsonClient(sub: string): Promise<TestClient> {
  const client = await connect(app.url);
  const ok = JSON.parse(await client.request(JSON.stringify({ type: 'auth', token: mint(sub) }))) as Record<string, unknown>;
  expect(ok['type']).toBe('auth.ok');
  return client;
}

beforeAll(async () => {
  app = await startApp('secure-server', {
    env: { JWT_SECRET: secret, AUTH_TIMEOUT: '2s', INVALID_MESSAGE_BUDGET: String(INVALID_MESSAGE_BUDGET) },
  });
});

afterAll(async () => {
  await app.stop();
});

describe('secure-server JSON before authentication', () => {
  const token = (): string => mint('early');
  const cases: Array<[string, () => string, string]> = [
    ['a __proto__ key', () => `{"type":"auth","token":"${token()}","__proto__":{"isAdmin":true}}`, 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['a constructor.prototype key', () => `{"type":"auth","token":"${token()}","constructor":{"prototype":{"isAdmin":true}}}`, 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['a cut-off object', () => '{"type":', 'ERR_VALIDATION_INVALID_JSON'],
    ['2,000-deep nesting', () => `{"type":"auth","token":"x","a":${nested(2_000)}}`, 'ERR_VALIDATION_TOO_DEEP'],
    ['a numeric type', () => '{"type":5,"token":"x"}', 'ERR_VALIDATION_SCHEMA'],
    ['a numeric token', () => '{"type":"auth","token":42}', 'ERR_VALIDATION_SCHEMA'],
    ['__proto__ as type', () => '{"type":"__proto__"}', 'ERR_AUTH_REQUIRED'],
    ['constructor as type', () => '{"type":"constructor"}', 'ERR_AUTH_REQUIRED'],
    ['toString as type', () => '{"type":"toString"}', 'ERR_AUTH_REQUIRED'],
    ['error as type', () => '{"type":"error"}', 'ERR_AUTH_REQUIRED'],
  ];
  for (const [name, message, code] of cases) {
    it(`replies ${code} to ${name}, then closes 4401`, async () => {
      const client = await connect(app.url);
      const reply = JSON.parse(await client.request(message())) as ErrorReply;
      expect(reply.type).toBe('error');
      expect(reply.code).toBe(code);
      expect(reply.message).toMatch(/\S/);
      expect(JSON.stringify(reply)).not.toContain('isAdmin');
      expect((await client.closed).code).toBe(4401);
    });
  }

  for (const text of [']', 'null', '123', '"x"', '[]']) {
    it(`reads ${text} as a text-protocol token`, async () => {
      const client = await connect(app.url);
      expect(await client.request(text)).toBe('Authentication failed');
      expect((await client.closed).code).toBe(4401);
    });
  }

  it('closes 10,000-deep nesting with 1009', async () => {
    const client = await connect(app.url);
    client.socket.send(nested(10_000));
    expect((await client.closed).code).toBe(1009);
    expect(client.received).toEqual([]);
  });

  it('still authenticates the next client', async () => {
    const client = await authenticatedJsonClient('after-hostile');
    const whoami = JSON.parse(await client.request('{"type":"whoami"}')) as Record<string, unknown>;
    expect(whoami['userId']).toBe('after-hostile');
    expect(whoami).not.toHaveProperty('isAdmin');
    client.close();
  });
});

describe('secure-server JSON after authentication', () => {
  const cases: Array<[string, string, string]> = [
    ['a constructor.prototype key', '{"type":"echo","text":"a","constructor":{"prototype":{"isAdmin":true}}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['a __proto__ key', '{"type":"echo","text":"a","__proto__":{"isAdmin":true}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['10,000-deep nesting', nested(10_000), 'ERR_VALIDATION_TOO_DEEP'],
    ['a closing bracket', ']', 'ERR_VALIDATION_INVALID_JSON'],
    ['a cut-off object', '{"type":', 'ERR_VALIDATION_INVALID_JSON'],
    ['null', 'null', 'ERR_VALIDATION_SCHEMA'],
    ['a number', '123', 'ERR_VALIDATION_SCHEMA'],
    ['a string', '"x"', 'ERR_VALIDATION_SCHEMA'],
    ['an array', '[]', 'ERR_VALIDATION_SCHEMA'],
    ['__proto__ as type', '{"type":"__proto__"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['constructor as type', '{"type":"constructor"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['toString as type', '{"type":"toString"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['error as type', '{"type":"error"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
  ];
  for (const [name, message, code] of cases) {
    it(`replies ${code} to ${name} and stays open`, async () => {
      const client = await authenticatedJsonClient(`after-${randomBytes(4).toString('hex')}`);
      const reply = JSON.parse(await client.request(message)) as ErrorReply;
      expect(reply.type).toBe('error');
      expect(reply.code).toBe(code);
      expect(reply.message).toMatch(/\S/);
      expect(JSON.stringify(reply)).not.toContain('isAdmin');
      const whoami = JSON.parse(await client.request('{"type":"whoami"}')) as Record<string, unknown>;
      expect(whoami['type']).toBe('whoami');
      expect(whoami).not.toHaveProperty('isAdmin');
      client.close();
    });
  }

  it('names the failed field in issues', async () => {
    const client = await authenticatedJsonClient('issues-user');
    const reply = JSON.parse(await client.request('{"type":"echo","requestId":"r7"}')) as ErrorReply & { requestId?: string };
    expect(reply.code).toBe('ERR_VALIDATION_SCHEMA');
    expect(reply.requestId).toBe('r7');
    expect(reply.issues).toMatchObject([{ path: ['text'], code: 'invalid_type' }]);
    client.close();
  });

  it('closes with 1008 once the invalid-message budget is spent', async () => {
    const client = await authenticatedJsonClient('budget-user');
    for (let sent = 0; sent < INVALID_MESSAGE_BUDGET; sent += 1) {
      const reply = JSON.parse(await client.request('{"type":"__proto__"}')) as ErrorReply;
      expect(reply.code).toBe('ERR_VALIDATION_UNKNOWN_TYPE');
    }
    client.socket.send('{"type":"__proto__"}');
    expect((await client.closed).code).toBe(1008);
  });
});
