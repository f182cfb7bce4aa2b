import { connect } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { authenticateWithJson, authenticateWithText, browserProtocols, requestJson, tryUpgrade } from '../src/secure-clients.js';
import { type SecureTarget, type Target, expectNoLeaks, startEchoTarget, startSecureTarget } from '../src/target.js';
import { nowSeconds } from '../src/tokens.js';

const audit = new LogAudit();
let echo: Target;
let secure: SecureTarget;

beforeAll(async () => {
  // trace is the most verbose level, so every line a token could reach is captured.
  [echo, secure] = await Promise.all([
    startEchoTarget(audit, { env: { LOG_LEVEL: 'trace' } }),
    startSecureTarget(audit, { env: { LOG_LEVEL: 'trace', DANGEROUSLY_ALLOW_QUERY_TOKEN: 'true', AUTH_TIMEOUT: '1s' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([echo?.app.stop(), secure?.app.stop()]);
});

type Kind = 'valid' | 'expired' | 'malformed' | 'forged';

function tokenOf(kind: Kind): string {
  switch (kind) {
    case 'valid':
      return secure.tokens.valid('logged-user');
    case 'expired':
      return secure.tokens.sign({ sub: 'logged-user', exp: nowSeconds() - 60 });
    case 'malformed':
      return `${secure.tokens.valid('logged-user').slice(0, -10)}.extra.segments`;
    case 'forged':
      return secure.tokens.signWithWrongKey({ sub: 'logged-user', exp: nowSeconds() + 300 });
  }
}

const kinds: readonly Kind[] = ['valid', 'expired', 'malformed', 'forged'];

describe('tokens through every source', () => {
  for (const kind of kinds) {
    it(`${kind} token in the query string`, async () => {
      const result = await tryUpgrade(`${secure.app.url}/?access_token=${encodeURIComponent(tokenOf(kind))}`);
      expect(result.status).toBe(kind === 'valid' ? 101 : 401);
      result.client?.close();
    });

    it(`${kind} token in Authorization`, async () => {
      const result = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${tokenOf(kind)}`, Cookie: `session=${audit.marker('cookie')}` } });
      expect(result.status).toBe(kind === 'valid' ? 101 : 401);
      result.client?.close();
    });

    it(`${kind} token in Sec-WebSocket-Protocol`, async () => {
      const result = await tryUpgrade(secure.app.url, { protocols: browserProtocols(tokenOf(kind)) });
      expect(result.status).toBe(kind === 'valid' ? 101 : 401);
      result.client?.close();
    });

    it(`${kind} token as the first message`, async () => {
      const text = await authenticateWithText(secure.app.url, tokenOf(kind));
      expect(text.reply).toBe({ valid: 'Authenticated!', expired: 'Token Expired' }[kind as string] ?? 'Authentication failed');
      text.client.close();
      const json = await authenticateWithJson(secure.app.url, tokenOf(kind));
      expect(json.reply['type']).toBe(kind === 'valid' ? 'auth.ok' : 'error');
      json.client.close();
    });
  }
});

describe('error paths around tokens', () => {
  it('schema failure on the auth message', async () => {
    const client = await connect(secure.app.url);
    const reply = JSON.parse(await client.request(JSON.stringify({ type: 'auth', token: [tokenOf('valid')] }))) as Record<string, unknown>;
    expect(reply['type']).toBe('error');
    expect((await client.closed).code).toBe(4401);
  });

  it('refresh with a forged token', async () => {
    const { client } = await authenticateWithJson(secure.app.url, tokenOf('valid'));
    const reply = await requestJson(client, { type: 'auth.refresh', token: tokenOf('forged') });
    expect(reply['type']).toBe('error');
    client.close();
  });

  it('token with a trailing newline and spaces', async () => {
    const { client, reply } = await authenticateWithText(secure.app.url, ` ${tokenOf('forged')} \n`);
    expect(reply).toBe('Authentication failed');
    await client.closed;
  });

  it('echo server sees tokens in query, headers and bodies', async () => {
    const query = `?access_token=${encodeURIComponent(tokenOf('valid'))}&note=${audit.marker('query')}`;
    const client = await connect(`${echo.app.url}/${query}`, { headers: { Authorization: `Bearer ${tokenOf('valid')}` } });
    const body = `${audit.marker('echo-body')} ${tokenOf('valid')}`;
    expect(await client.request(body)).toBe(`Server received: ${body}`);
    client.socket.send(Buffer.from(body));
    expect((await client.closed).code).toBe(1003);
  });
});

describe('logs group end', () => {
  it('authentication failures carry a fingerprint', () => {
    const failures = secure.app.logs.filter((line) => line.msg === 'authentication failed');
    expect(failures.length).toBeGreaterThan(10);
    for (const line of failures.filter((entry) => entry['tokenFingerprint'] !== undefined)) {
      expect(String(line['tokenFingerprint']).length).toBeLessThanOrEqual(32);
    }
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, secure]);
  });
});
