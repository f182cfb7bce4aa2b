import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, runAppToExit } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { waitForLineSince } from '../src/logs.js';
import { authenticateWithJson, authenticateWithText, browserProtocols, tryUpgrade } from '../src/secure-clients.js';
import { type SecureTarget, expectNoLeaks, expectStillServing, startSecureTarget } from '../src/target.js';
import { type TokenMinter, nowSeconds } from '../src/tokens.js';

const audit = new LogAudit();
let secure: SecureTarget;
let tolerant: SecureTarget;
let devSecret: SecureTarget;

beforeAll(async () => {
  const devSecretFile = join(mkdtempSync(join(tmpdir(), 'attack-dev-secret-')), '.dev-jwt-secret');
  [secure, tolerant, devSecret] = await Promise.all([
    startSecureTarget(audit, { env: { AUTH_TIMEOUT: '1s', DANGEROUSLY_ALLOW_QUERY_TOKEN: 'true' } }),
    startSecureTarget(audit, { env: { JWT_CLOCK_TOLERANCE: '30' }, label: 'secure-server with 30 s tolerance' }),
    startSecureTarget(audit, { env: { JWT_SECRET: undefined, DEV_SECRET_FILE: devSecretFile }, label: 'secure-server with a development secret' }),
  ]);
});

afterAll(async () => {
  await Promise.all([secure?.app.stop(), tolerant?.app.stop(), devSecret?.app.stop()]);
});

interface Rejection {
  readonly name: string;
  readonly token: (tokens: TokenMinter) => string;
  /** Expired tokens keep their own reply and close code; every other reason looks alike. */
  readonly expired?: boolean;
}

const later = (): number => nowSeconds() + 300;

const rejections: readonly Rejection[] = [
  { name: 'bad signature', token: (tokens) => tokens.signWithWrongKey({ sub: 'mallory', exp: later() }) },
  { name: 'alg none', token: (tokens) => tokens.unsigned({ sub: 'admin', exp: 4_102_444_800 }) },
  { name: 'alg NonE', token: (tokens) => tokens.unsigned({ sub: 'admin', exp: 4_102_444_800 }, 'NonE') },
  { name: 'alg none with a junk signature', token: (tokens) => tokens.unsigned({ sub: 'admin', exp: 4_102_444_800 }, 'none', 'anVuay1zaWduYXR1cmU') },
  { name: 'HS512 outside the allowlist', token: (tokens) => tokens.sign({ sub: 'alice', exp: later() }, { algorithm: 'HS512' }) },
  { name: 'malformed token', token: () => `not-a-jwt-${randomBytes(4).toString('hex')}` },
  { name: 'token without a user id', token: (tokens) => tokens.sign({ role: 'admin', exp: later() }) },
  { name: 'token without exp', token: (tokens) => tokens.sign({ sub: 'alice' }) },
  { name: 'nbf an hour ahead', token: (tokens) => tokens.sign({ sub: 'alice', nbf: nowSeconds() + 3_600, exp: nowSeconds() + 7_200 }) },
  { name: 'iat a day ahead', token: (tokens) => tokens.sign({ sub: 'alice', iat: nowSeconds() + 86_400, exp: nowSeconds() + 90_000 }) },
  { name: 'token over 4 KiB', token: (tokens) => tokens.sign({ sub: 'alice', exp: later(), padding: 'p'.repeat(4_500) }) },
  { name: 'expired an hour ago', token: (tokens) => tokens.sign({ sub: 'alice', exp: nowSeconds() - 3_600 }), expired: true },
];

describe('authentication at the upgrade', () => {
  for (const rejection of rejections) {
    it(`${rejection.name} in Authorization gets 401`, async () => {
      const token = rejection.token(secure.tokens);
      const result = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${token}` } });
      expect(result.status).toBe(401);
    });

    it(`${rejection.name} in Sec-WebSocket-Protocol gets 401`, async () => {
      const token = rejection.token(secure.tokens);
      const result = await tryUpgrade(secure.app.url, { protocols: browserProtocols(token) });
      expect(result.status).toBe(401);
    });

    it(`${rejection.name} in the query string gets 401`, async () => {
      const token = rejection.token(secure.tokens);
      const result = await tryUpgrade(`${secure.app.url}/?access_token=${encodeURIComponent(token)}`);
      expect(result.status).toBe(401);
    });
  }

  it('valid token in Authorization opens a session', async () => {
    const result = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${secure.tokens.valid('header-user')}` } });
    expect(result.status).toBe(101);
    const body = audit.marker('after-header-auth');
    expect(await result.client?.request(body)).toBe(`Server received: ${body}`);
    result.client?.close();
  });

  it('valid token in Sec-WebSocket-Protocol is never echoed', async () => {
    const result = await tryUpgrade(secure.app.url, { protocols: browserProtocols(secure.tokens.valid('browser-user')) });
    expect(result.status).toBe(101);
    expect(result.client?.socket.protocol).toBe('proj.v1');
    result.client?.close();
  });

  it('query token without the opt-in gets 401', async () => {
    const result = await tryUpgrade(`${tolerant.app.url}/?access_token=${encodeURIComponent(tolerant.tokens.valid('query-user'))}`);
    expect(result.status).toBe(401);
  });

  it('two credentials in one upgrade get 401', async () => {
    const result = await tryUpgrade(secure.app.url, {
      headers: { Authorization: `Bearer ${secure.tokens.valid('twice')}` },
      protocols: browserProtocols(secure.tokens.valid('twice')),
    });
    expect(result.status).toBe(401);
  });
});

describe('authentication by first message', () => {
  for (const rejection of rejections) {
    const code = rejection.expired ? 4440 : 4401;

    it(`${rejection.name} as text closes ${code}`, async () => {
      const { client, reply } = await authenticateWithText(secure.app.url, rejection.token(secure.tokens));
      expect(reply).toBe(rejection.expired ? 'Token Expired' : 'Authentication failed');
      expect((await client.closed).code).toBe(code);
    });

    it(`${rejection.name} as JSON closes ${code}`, async () => {
      const { client, reply } = await authenticateWithJson(secure.app.url, rejection.token(secure.tokens));
      expect(reply['type']).toBe('error');
      expect(reply['code']).toBe(rejection.expired ? 'ERR_AUTH_TOKEN_EXPIRED' : 'ERR_AUTH_TOKEN_INVALID');
      expect((await client.closed).code).toBe(code);
    });
  }

  it('log reasons differ for expiry, nbf and iat', async () => {
    const reasons: unknown[] = [];
    for (const name of ['expired an hour ago', 'nbf an hour ahead', 'iat a day ahead']) {
      const rejection = rejections.find((entry) => entry.name === name);
      const from = secure.app.logs.length;
      const { client } = await authenticateWithText(secure.app.url, rejection?.token(secure.tokens) ?? '');
      await client.closed;
      const line = await waitForLineSince(secure.app, from, (entry) => entry.msg === 'authentication failed');
      reasons.push(line['reason']);
    }
    expect(new Set(reasons).size).toBe(3);
    for (const reason of reasons) expect(reason).not.toBe('Authentication failed');
  });

  it('other message before authentication closes 4401', async () => {
    const { client, reply } = await authenticateWithJson(secure.app.url, '');
    expect(reply['type']).toBe('error');
    expect((await client.closed).code).toBe(4401);
    const other = await authenticateWithJson(secure.app.url, '');
    const echoFirst = await connect(secure.app.url);
    const refusal = JSON.parse(await echoFirst.request('{"type":"echo","text":"hi"}')) as Record<string, unknown>;
    expect(refusal['code']).toBe('ERR_AUTH_REQUIRED');
    expect((await echoFirst.closed).code).toBe(4401);
    expect((await other.client.closed).code).toBe(4401);
  });

  it('first message over the pre-auth cap closes 1009', async () => {
    const client = await connect(secure.app.url);
    client.socket.send('x'.repeat(9 * 1024));
    expect((await client.closed).code).toBe(1009);
    expect(client.received).toEqual([]);
  });

  it('alg none fails with a development secret too', async () => {
    const { client, reply } = await authenticateWithText(devSecret.app.url, devSecret.tokens.unsigned({ sub: 'admin', exp: 4_102_444_800 }));
    expect(reply).toBe('Authentication failed');
    expect((await client.closed).code).toBe(4401);
  });
});

describe('clock tolerance', () => {
  it('exp 20 s ago within 30 s tolerance is accepted', async () => {
    const { client, reply } = await authenticateWithText(tolerant.app.url, tolerant.tokens.sign({ sub: 'skewed', exp: nowSeconds() - 20 }));
    expect(reply).toBe('Authenticated!');
    client.close();
  });

  it('exp 40 s ago beyond 30 s tolerance is rejected', async () => {
    const { client, reply } = await authenticateWithText(tolerant.app.url, tolerant.tokens.sign({ sub: 'skewed', exp: nowSeconds() - 40 }));
    expect(reply).toBe('Token Expired');
    expect((await client.closed).code).toBe(4440);
  });

  for (const value of ['1e309', '-5', 'abc', '301']) {
    it(`JWT_CLOCK_TOLERANCE=${value} refuses to start`, async () => {
      const result = await runAppToExit('secure-server', { env: { JWT_SECRET: randomBytes(32).toString('hex'), JWT_CLOCK_TOLERANCE: value } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('JWT_CLOCK_TOLERANCE');
    });
  }

  it('production without a secret refuses to start', async () => {
    const result = await runAppToExit('secure-server', { env: { NODE_ENV: 'production', JWT_SECRET: undefined, ALLOWED_ORIGINS: 'https://app.example' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET');
  });
});

describe('authentication group end', () => {
  it('same processes keep serving after the authentication group', async () => {
    await expectStillServing(secure, audit);
    await expectStillServing(tolerant, audit);
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [secure, tolerant, devSecret]);
  });
});
