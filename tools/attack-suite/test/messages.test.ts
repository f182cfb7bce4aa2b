import { type TestClient, connect } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { authenticateWithJson, authenticateWithText, requestJson } from '../src/secure-clients.js';
import { type SecureTarget, type Target, expectNoLeaks, expectStillServing, startEchoTarget, startSecureTarget } from '../src/target.js';

const LIMIT = 64 * 1024;
const audit = new LogAudit();
let echo: Target;
let secure: SecureTarget;

beforeAll(async () => {
  [echo, secure] = await Promise.all([startEchoTarget(audit), startSecureTarget(audit)]);
});

afterAll(async () => {
  await Promise.all([echo?.app.stop(), secure?.app.stop()]);
});

const paddedEcho = (size: number): string => {
  const head = '{"type":"echo"}';
  return head + ' '.repeat(size - head.length);
};

// Malformed or mistyped JSON from the field reports; the padded one sits just under the size limit.
const malformedTexts: ReadonlyArray<readonly [string, string]> = [
  ['lone closing bracket', ']'],
  ['truncated object', '{"type":'],
  ['null', 'null'],
  ['number', '123'],
  ['string', '"x"'],
  ['empty array', '[]'],
  ['echo padded to the limit', paddedEcho(LIMIT - 1)],
];

async function openJsonSession(user: string): Promise<TestClient> {
  const { client, reply } = await authenticateWithJson(secure.app.url, secure.tokens.valid(user));
  expect(reply['type']).toBe('auth.ok');
  return client;
}

describe('messages on the echo server', () => {
  for (const [name, text] of malformedTexts) {
    it(`${name} is echoed byte for byte`, async () => {
      const client = await connect(echo.app.url);
      expect(await client.request(text)).toBe(`Server received: ${text}`);
      client.close();
    });
  }

  it('JSON in a binary frame closes 1003', async () => {
    const client = await connect(echo.app.url);
    client.socket.send(Buffer.from('{"type":"echo","text":"x"}'));
    expect((await client.closed).code).toBe(1003);
  });
});

describe('messages before authentication', () => {
  const expected: Record<string, string> = {
    'lone closing bracket': 'Authentication failed',
    null: 'Authentication failed',
    number: 'Authentication failed',
    string: 'Authentication failed',
    'empty array': 'Authentication failed',
  };

  for (const [name, text] of malformedTexts) {
    if (name === 'echo padded to the limit') {
      it(`${name} closes 1009 under the pre-auth cap`, async () => {
        const client = await connect(secure.app.url);
        client.socket.send(text);
        expect((await client.closed).code).toBe(1009);
      });
      continue;
    }
    it(`${name} closes 4401`, async () => {
      const { client, reply } = await authenticateWithText(secure.app.url, text);
      const textReply = expected[name];
      if (textReply) expect(reply).toBe(textReply);
      // A first message that starts like JSON gets a JSON error naming the parse failure.
      else expect(JSON.parse(reply)).toMatchObject({ type: 'error', code: 'ERR_VALIDATION_INVALID_JSON' });
      expect((await client.closed).code).toBe(4401);
    });
  }

  it('JSON in a binary frame closes 1003', async () => {
    const client = await connect(secure.app.url);
    client.socket.send(Buffer.from(JSON.stringify({ type: 'auth', token: secure.tokens.valid('binary') })));
    expect((await client.closed).code).toBe(1003);
  });
});

describe('messages after authentication', () => {
  const invalid: ReadonlyArray<readonly [string, string, string]> = [
    ['lone closing bracket', ']', 'ERR_VALIDATION_INVALID_JSON'],
    ['truncated object', '{"type":', 'ERR_VALIDATION_INVALID_JSON'],
    ['null', 'null', 'ERR_VALIDATION_SCHEMA'],
    ['number', '123', 'ERR_VALIDATION_SCHEMA'],
    ['string', '"x"', 'ERR_VALIDATION_SCHEMA'],
    ['empty array', '[]', 'ERR_VALIDATION_SCHEMA'],
    ['echo padded to the limit', paddedEcho(LIMIT - 1), 'ERR_VALIDATION_SCHEMA'],
    ['echo text of the wrong type', '{"type":"echo","text":42}', 'ERR_VALIDATION_SCHEMA'],
    ['echo text over 60,000 characters', JSON.stringify({ type: 'echo', text: 'y'.repeat(60_001) }), 'ERR_VALIDATION_SCHEMA'],
    ['type __proto__', '{"type":"__proto__"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['type constructor', '{"type":"constructor"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['type toString', '{"type":"toString"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['type hasOwnProperty', '{"type":"hasOwnProperty"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['type auth after authentication', '{"type":"auth","token":"x"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
    ['__proto__ key', '{"type":"update","fields":{"__proto__":{"isAdmin":true}}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['constructor.prototype keys', '{"type":"update","constructor":{"prototype":{"isAdmin":true}}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['__proto__ key on a known type', '{"type":"whoami","__proto__":{"isAdmin":true}}', 'ERR_VALIDATION_FORBIDDEN_KEY'],
    ['nesting 1,000 levels deep', `{"type":"echo","text":"x","deep":${'['.repeat(1_000)}${']'.repeat(1_000)}}`, 'ERR_VALIDATION_TOO_DEEP'],
  ];

  for (const [name, text, code] of invalid) {
    it(`${name} gets ${code} and stays open`, async () => {
      const client = await openJsonSession('json-user');
      const reply = JSON.parse(await client.request(text)) as Record<string, unknown>;
      expect(reply['type']).toBe('error');
      expect(reply['code']).toBe(code);
      expect(String(reply['message'] ?? '')).not.toContain('isAdmin');
      const body = audit.marker('after-invalid');
      expect(await requestJson(client, { type: 'echo', text: body })).toEqual({ type: 'echo', text: body });
      client.close();
    });
  }

  it('polluted payloads leave whoami without isAdmin', async () => {
    const client = await openJsonSession('pollution-user');
    for (const [, text] of invalid.filter(([, , code]) => code === 'ERR_VALIDATION_FORBIDDEN_KEY')) await client.request(text);
    const whoami = await requestJson(client, { type: 'whoami' });
    expect(whoami['userId']).toBe('pollution-user');
    expect(whoami).not.toHaveProperty('isAdmin');
    expect(Object.keys(whoami)).not.toContain('isAdmin');
    client.close();
  });

  it('11th invalid message closes 1008', async () => {
    const client = await openJsonSession('budget-user');
    // INVALID_MESSAGE_BUDGET is 10 by default: ten invalid messages get error replies.
    for (let sent = 0; sent < 10; sent += 1) {
      const reply = JSON.parse(await client.request('{"type":"echo"}')) as Record<string, unknown>;
      expect(reply['code']).toBe('ERR_VALIDATION_SCHEMA');
    }
    client.socket.send('{"type":"echo"}');
    expect((await client.closed).code).toBe(1008);
  });

  it('message over the limit closes 1009', async () => {
    const client = await openJsonSession('oversized-user');
    client.socket.send(JSON.stringify({ type: 'echo', text: 'z'.repeat(LIMIT) }));
    expect((await client.closed).code).toBe(1009);
  });

  it('text session echoes malformed JSON byte for byte', async () => {
    const { client, reply } = await authenticateWithText(secure.app.url, secure.tokens.valid('text-user'));
    expect(reply).toBe('Authenticated!');
    for (const [, text] of malformedTexts.slice(0, 6)) expect(await client.request(text)).toBe(`Server received: ${text}`);
    client.close();
  });

  it('log carries codes, not message bodies', async () => {
    const client = await openJsonSession('quiet-user');
    const body = audit.marker('invalid-json-body');
    const reply = JSON.parse(await client.request(`{"type":"echo","text":"${body}"`)) as Record<string, unknown>;
    expect(reply['code']).toBe('ERR_VALIDATION_INVALID_JSON');
    client.close();
    await client.closed;
    expect(secure.app.output.stdout).not.toContain(body);
  });
});

describe('messages group end', () => {
  it('same processes keep serving after the messages group', async () => {
    await expectStillServing(echo, audit);
    await expectStillServing(secure, audit);
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, secure]);
  });
});
