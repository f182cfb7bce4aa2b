import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { type BrowserSessionResult, browserSessionScript } from '../src/browser-session.js';
import { waitForLineSince } from '../src/logs.js';
import { type PageServer, startPageServer } from '../src/page-server.js';
import { CHROMIUM, CHROMIUM_ARGS, SYSTEM_PYTHON, chromiumMissingReason, pythonWebsocketsMissingReason } from '../src/real-clients.js';
import { type SecureTarget, type Target, expectNoLeaks, expectStillServing, startEchoTarget, startSecureTarget } from '../src/target.js';

const chromiumMissing = chromiumMissingReason();
const pythonMissing = pythonWebsocketsMissingReason();
const seedFlows = fileURLToPath(new URL('../src/python/seed_flows.py', import.meta.url));
const audit = new LogAudit();
let allowedPage: PageServer;
let forbiddenPage: PageServer;
let echo: Target;
let secure: SecureTarget;
let browser: BrowserContext | undefined;

beforeAll(async () => {
  [allowedPage, forbiddenPage] = await Promise.all([startPageServer(), startPageServer()]);
  [echo, secure] = await Promise.all([
    startEchoTarget(audit),
    startSecureTarget(audit, { env: { ALLOWED_ORIGINS: allowedPage.origin } }),
  ]);
  if (chromiumMissing === undefined) {
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'attack-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([echo?.app.stop(), secure?.app.stop(), allowedPage?.close(), forbiddenPage?.close()]);
});

async function runInBrowser(origin: string, token: string, messages: Record<string, unknown>[]): Promise<BrowserSessionResult> {
  if (!browser) throw new Error('browser not started');
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    return (await page.evaluate(browserSessionScript({ url: secure.app.url, token, messages }))) as BrowserSessionResult;
  } finally {
    await page.close();
  }
}

describe('Chromium', () => {
  it('allowed origin authenticates by subprotocol', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const body = audit.marker('chromium');

    const result = await runInBrowser(allowedPage.origin, secure.tokens.valid('browser-user'), [{ type: 'echo', text: body }, { type: 'whoami' }]);

    expect(result.opened).toBe(true);
    expect(result.protocol).toBe('proj.v1');
    expect(JSON.parse(result.replies[0] ?? '{}')).toEqual({ type: 'echo', text: body });
    expect(JSON.parse(result.replies[1] ?? '{}')).toMatchObject({ type: 'whoami', userId: 'browser-user' });
    expect(result.closeCode).toBe(1000);
  });

  it('forbidden origin is refused (cross-site hijacking)', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const from = secure.app.logs.length;

    const result = await runInBrowser(forbiddenPage.origin, secure.tokens.valid('hijacked-user'), [{ type: 'whoami' }]);

    expect(result.opened).toBe(false);
    expect(result.replies).toEqual([]);
    expect(result.closeCode).toBe(1006);
    const line = await waitForLineSince(secure.app, from, (entry) => entry['code'] === 'ERR_ACCESS_ORIGIN_FORBIDDEN');
    expect(line['status']).toBe(403);
    expect(secure.app.logs.slice(from).some((entry) => entry.msg === 'authenticated')).toBe(false);
  });
});

describe('Python websockets', () => {
  it('completes the echo and first-message flows', async (context) => {
    if (pythonMissing) context.skip(pythonMissing);
    const body = audit.marker('python');
    const token = secure.tokens.valid('python-user');

    const { stdout } = await promisify(execFile)(SYSTEM_PYTHON, [seedFlows, echo.app.url, secure.app.url, token, body], { timeout: 20_000 });

    const result = JSON.parse(stdout) as { websockets: string; echo: string; secure: string[] };
    expect(result.echo).toBe(`Server received: ${body}`);
    expect(result.secure).toEqual(['Authenticated!', `Server received: ${body}`]);
  });
});

describe('real clients group end', () => {
  it('same processes keep serving after the real clients', async () => {
    await expectStillServing(echo, audit);
    await expectStillServing(secure, audit);
  });

  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, secure]);
  });
});
