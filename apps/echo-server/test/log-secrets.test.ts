import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, connect, startApp } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The echo server reads no credentials, but clients still send them: in
// headers, the subprotocol list, the query string and message bodies. None
// may reach its logs, even at the trace level.

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: `alice-${randomBytes(6).toString('hex')}`, exp: 4102444800 })}`;
const token = `${signingInput}.${createHmac('sha256', randomBytes(32)).update(signingInput).digest('base64url')}`;
const signature = token.split('.')[2] ?? '';
let app: AppProcess;
let errorLogFile: string;

beforeAll(async () => {
  errorLogFile = join(mkdtempSync(join(tmpdir(), 'echo-log-secrets-')), 'errors.log');
  app = await startApp('echo-server', { env: { LOG_LEVEL: 'trace', ERROR_LOG_FILE: errorLogFile, MAX_PAYLOAD: '4KiB' } });
  // The echo server may select no subprotocol, which the client treats as a
  // failed handshake; the request still reached the server's upgrade path.
  await connect(app.url, { protocols: ['proj.v1', `proj.token.${token}`] }).then(
    (client) => client.close(),
    () => undefined,
  );
  const client = await connect(`${app.url}/?access_token=${token}&token=${token}`, {
    headers: { Authorization: `Bearer ${token}`, Cookie: `session=${token}` },
  });
  expect(await client.request(token)).toBe(`Server received: ${token}`);
  client.socket.send(`${token}${'x'.repeat(5_000)}`);
  await client.closed;
  await app.stop();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('echo-server logs', () => {
  it('recorded the connection', () => {
    expect(app.logs.some((line) => line.msg === 'connection opened')).toBe(true);
  });

  it('contain no part of a token sent in every place', () => {
    const errorLog = readFileSync(errorLogFile, 'utf8');
    for (const needle of [token, signature, 'eyJ']) {
      expect(app.output.stdout).not.toContain(needle);
      expect(app.output.stderr).not.toContain(needle);
      expect(errorLog).not.toContain(needle);
    }
  });
});
