import { randomBytes } from 'node:crypto';
import { type ProcessStats, type TestClient, clientFrame, openRawWebSocket, readProcessStats } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { type CrowdMember, dismissCrowd, openCrowd } from '../src/crowd.js';
import { authenticateWithJson, authenticateWithText, postRevocation, requestJson, tryUpgrade } from '../src/secure-clients.js';
import { expectBackToBaseline, waitForOpenConnections } from '../src/settle.js';
import { type SecureTarget, expectNoLeaks, expectStillServing, startSecureTarget } from '../src/target.js';
import { nowSeconds } from '../src/tokens.js';

const AUTH_TIMEOUT_MS = 1_000;
const CLOSE_TIMEOUT_MS = 1_500;
const adminToken = randomBytes(32).toString('hex');
const audit = new LogAudit();
audit.secret(adminToken, 'ADMIN_TOKEN');
let secure: SecureTarget;
let adminPort: number;
let baseline: ProcessStats | undefined;

beforeAll(async () => {
  secure = await startSecureTarget(audit, {
    env: {
      AUTH_TIMEOUT: `${AUTH_TIMEOUT_MS}ms`,
      CLOSE_TIMEOUT: `${CLOSE_TIMEOUT_MS}ms`,
      AUTH_EXPIRY_WARNING: '1500ms',
      SESSIONS_PER_USER: '2',
      ADMIN_PORT: '0',
      ADMIN_TOKEN: adminToken,
    },
  });
  const admin = await secure.app.waitForLog((line) => line.msg === 'admin listening');
  adminPort = Number(admin['port']);
  await expectStillServing(secure, audit);
  baseline = readProcessStats(secure.pid);
});

afterAll(async () => {
  await secure?.app.stop();
});

async function bearer(user: string, claims: Record<string, unknown> = {}): Promise<TestClient> {
  const token = secure.tokens.sign({ sub: user, exp: nowSeconds() + 300, ...claims });
  const result = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${token}` } });
  expect(result.status).toBe(101);
  if (!result.client) throw new Error('upgrade did not open');
  return result.client;
}

async function closedWithin(client: TestClient, ms: number): Promise<{ code: number; elapsedMs: number }> {
  const started = Date.now();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not closed within ${ms} ms`)), ms));
  const closed = await Promise.race([client.closed, timeout]);
  return { code: closed.code, elapsedMs: Date.now() - started };
}

describe('sockets that never authenticate', () => {
  it('silent socket closes 4408 at the deadline', async () => {
    const raw = await openRawWebSocket(secure.app.port);
    const started = Date.now();
    expect(await raw.closeCode(AUTH_TIMEOUT_MS + 2_000)).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 100);
  });

  it('socket ignoring the close frame is terminated', async () => {
    const raw = await openRawWebSocket(secure.app.port);
    raw.socket.write(clientFrame({ opcode: 0x1, payload: 'not-a-token-at-all' }));
    expect(await raw.closeCode()).toBe(4401);
    const closeSeen = Date.now();

    await raw.ended;

    expect(Date.now() - closeSeen).toBeLessThan(CLOSE_TIMEOUT_MS + 1_000);
  });

  it('crowd of 2,000 idle or stubborn sockets', { timeout: 60_000 }, async () => {
    const badToken = secure.tokens.signWithWrongKey({ sub: 'crowd', exp: nowSeconds() + 300 });
    const crowds = Promise.all([
      openCrowd(secure.app.port, 1_000),
      openCrowd(secure.app.port, 1_000, { firstMessage: badToken }),
    ]);

    // Probe without a token until the crowd has filled the unauthenticated caps, then upgrade
    // with a token at once. The caps count only connections left without a session at the upgrade.
    let anonymousStatus = 101;
    for (let probe = 0; probe < 200 && anonymousStatus === 101; probe += 1) {
      const anonymous = await tryUpgrade(secure.app.url);
      anonymous.client?.close();
      anonymousStatus = anonymous.status;
    }
    const during = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${secure.tokens.valid('crowd-survivor')}` } });
    during.client?.close();
    expect(anonymousStatus).toBe(503);
    expect(during.status).toBe(101);
    const [silent, stubborn] = await crowds;

    const members: CrowdMember[] = [...silent, ...stubborn];
    const refusedStatuses = new Set(members.filter((member) => member.status !== 101).map((member) => member.status));
    for (const status of refusedStatuses) expect([429, 503]).toContain(status);
    const deadline = AUTH_TIMEOUT_MS + CLOSE_TIMEOUT_MS + 4_000;
    await Promise.race([
      Promise.all(members.map((member) => member.raw?.ended)),
      new Promise((resolve) => setTimeout(resolve, deadline)),
    ]);
    const stillOpen = members.filter((member) => member.raw && !member.raw.socket.destroyed && member.raw.socket.readyState === 'open');
    // Once the deadline has closed the crowd, a valid client gets in and is served.
    const valid = await bearer('crowd-survivor');
    const body = audit.marker('crowd-survivor');
    expect(await valid.request(body)).toBe(`Server received: ${body}`);
    valid.close();
    dismissCrowd(members);
    expect(stillOpen).toHaveLength(0);
    for (const member of silent) if (member.raw) expect(await member.raw.closeCode(50)).toBe(4408);
    for (const member of stubborn) if (member.raw) expect(await member.raw.closeCode(50)).toBe(4401);
    await waitForOpenConnections(secure.app, 0);
    expect(baseline).toBeDefined();
    if (baseline) await expectBackToBaseline(secure.app, baseline);
  });
});

describe('expiry on live sockets', () => {
  it('session closes 4440 when its token expires', { timeout: 15_000 }, async () => {
    const exp = nowSeconds() + 3;
    const { client, reply } = await authenticateWithText(secure.app.url, secure.tokens.sign({ sub: 'expiring', exp }));
    expect(reply).toBe('Authenticated!');
    let answered = 0;
    const ticker = setInterval(() => {
      if (client.socket.readyState !== client.socket.OPEN) return;
      client.socket.send('tick');
      answered = client.received.filter((text) => text === 'Server received: tick').length;
    }, 200);

    const closed = await client.closed;
    clearInterval(ticker);

    expect(closed.code).toBe(4440);
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000 - 1_000);
    expect(Date.now()).toBeLessThan(exp * 1000 + 2_000);
    expect(answered).toBeGreaterThan(3);
  });

  it('JSON session is warned, refreshes and outlives its first token', { timeout: 15_000 }, async () => {
    const exp = nowSeconds() + 3;
    const { client, reply } = await authenticateWithJson(secure.app.url, secure.tokens.sign({ sub: 'refresher', exp }));
    expect(reply['type']).toBe('auth.ok');

    const warning = JSON.parse(await client.nextMessage(5_000)) as Record<string, unknown>;
    expect(warning['type']).toBe('auth.expiring');
    const refreshed = await requestJson(client, { type: 'auth.refresh', token: secure.tokens.valid('refresher', 60) });
    expect(refreshed['type']).toBe('auth.refreshed');

    await new Promise((resolve) => setTimeout(resolve, exp * 1000 + 1_500 - Date.now()));
    const body = audit.marker('after-refresh');
    expect(await requestJson(client, { type: 'echo', text: body })).toEqual({ type: 'echo', text: body });
    client.close();
  });

  it("refresh with another user's token closes 4401", async () => {
    const { client } = await authenticateWithJson(secure.app.url, secure.tokens.valid('owner'));
    client.socket.send(JSON.stringify({ type: 'auth.refresh', token: secure.tokens.valid('intruder') }));
    expect((await closedWithin(client, 3_000)).code).toBe(4401);
  });
});

describe('revocation on live sockets', () => {
  it('revoked token id closes 4403 at once', async () => {
    const jti = `jti-${randomBytes(6).toString('hex')}`;
    const client = await bearer('revoked-by-jti', { jti });

    const revoked = await postRevocation(adminPort, adminToken, { kind: 'token', tokenId: jti });

    expect(revoked.status).toBe(200);
    expect((await closedWithin(client, 1_000)).code).toBe(4403);
  });

  it('revoked user closes 4403 on every session', async () => {
    const first = await bearer('revoked-user');
    const second = await authenticateWithText(secure.app.url, secure.tokens.valid('revoked-user'));
    expect(second.reply).toBe('Authenticated!');

    const revoked = await postRevocation(adminPort, adminToken, { kind: 'user', userId: 'revoked-user' });

    expect(revoked.status).toBe(200);
    expect((await closedWithin(first, 1_000)).code).toBe(4403);
    expect((await closedWithin(second.client, 1_000)).code).toBe(4403);
    const again = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${secure.tokens.valid('revoked-user')}` } });
    expect(again.status).toBe(403);
  });

  it('tokens issued before a time close 4403', async () => {
    const client = await bearer('rotated-user', { iat: nowSeconds() - 60 });

    const revoked = await postRevocation(adminPort, adminToken, { kind: 'issued-before', userId: 'rotated-user', before: nowSeconds() - 30 });

    expect(revoked.status).toBe(200);
    expect((await closedWithin(client, 1_000)).code).toBe(4403);
  });

  it('admin endpoint without its token gets 401', async () => {
    const revoked = await postRevocation(adminPort, `wrong-${adminToken}`, { kind: 'user', userId: 'anyone' });
    expect(revoked.status).toBe(401);
  });
});

describe('sessions per user', () => {
  it('third session of a user is refused', async () => {
    const first = await bearer('capped-user');
    const second = await bearer('capped-user');

    const third = await tryUpgrade(secure.app.url, { headers: { Authorization: `Bearer ${secure.tokens.valid('capped-user')}` } });
    const viaMessage = await authenticateWithText(secure.app.url, secure.tokens.valid('capped-user'));

    expect(third.status).toBe(429);
    expect((await closedWithin(viaMessage.client, 2_000)).code).toBe(4429);
    first.close();
    second.close();
  });
});

describe('live authentication group end', () => {
  it('same process keeps serving after the live authentication group', async () => {
    await expectStillServing(secure, audit);
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [secure]);
  });
});
