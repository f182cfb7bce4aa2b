import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, clientFrame, connect, openRawWebSocket, runAppToExit, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const secret = randomBytes(32).toString('hex');
let app: AppProcess;
let errorLog: string;

function mint(payload: Record<string, unknown>, options: jwt.SignOptions = {}): string {
  return jwt.sign(payload, secret, { algorithm: 'HS256', ...options });
}

function unsigned(payload: Record<string, unknown>, alg = 'none'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg, typ: 'JWT' })}.${encode(payload)}.`;
}

beforeAll(async () => {
  errorLog = join(mkdtempSync(join(tmpdir(), 'secure-')), 'errors.log');
  app = await startApp('secure-server', { env: { JWT_SECRET: secret, AUTH_TIMEOUT: '700ms', ERROR_LOG_FILE: errorLog, LOG_LEVEL: 'debug' } });
});

afterAll(async () => {
  await app.stop();
});

async function authenticate(token: string) {
  const client = await connect(app.url);
  const reply = await client.request(token);
  return { client, reply };
}

describe('secure-server authentication', () => {
  it('accepts a valid token and echoes afterwards', async () => {
    const { client, reply } = await authenticate(mint({ sub: 'alice' }, { expiresIn: '5m' }));
    expect(reply).toBe('Authenticated!');
    expect(await client.request('hello')).toBe('Server received: hello');
    expect(await client.request('ünïcødé ✓')).toBe('Server received: ünïcødé ✓');
    client.close();
  });

  it('accepts a token that carries only user_id', async () => {
    const { client, reply } = await authenticate(mint({ user_id: 42 }, { expiresIn: '5m' }));
    expect(reply).toBe('Authenticated!');
    await app.waitForLog((line) => line.msg === 'authenticated' && line['userId'] === '42');
    client.close();
  });

  it('answers an expired token with Token Expired and 4440', async () => {
    const { client, reply } = await authenticate(mint({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(reply).toBe('Token Expired');
    expect((await client.closed).code).toBe(4440);
  });

  const rejected: Array<[string, () => string]> = [
    ['a bad signature', () => jwt.sign({ sub: 'alice' }, 'x'.repeat(32), { algorithm: 'HS256', expiresIn: '5m' })],
    ['alg none', () => unsigned({ sub: 'admin', exp: 4102444800 })],
    ['alg NonE', () => unsigned({ sub: 'admin', exp: 4102444800 }, 'NonE')],
    ['a malformed token', () => 'not-a-jwt'],
    ['a token without a user id', () => mint({ role: 'admin' }, { expiresIn: '5m' })],
    ['a token without exp', () => mint({ sub: 'alice' })],
  ];
  for (const [name, token] of rejected) {
    it(`rejects ${name} with 4401`, async () => {
      const { client, reply } = await authenticate(token());
      expect(reply).toBe('Authentication failed');
      const closed = await client.closed;
      expect(closed.code).toBe(4401);
      expect(closed.reason).toBe('Authentication failed');
    });
  }

  it('closes a silent socket with 4408 after the deadline', async () => {
    const client = await connect(app.url);
    const started = Date.now();
    expect((await client.closed).code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('keeps serving after a bad frame and a reset', async () => {
    const raw = await openRawWebSocket(app.port);
    raw.socket.write(Buffer.from([0x83, 0x80, 0, 0, 0, 0]));
    expect(await raw.closeCode()).toBe(1002);
    const reset = await openRawWebSocket(app.port);
    reset.socket.write(clientFrame({ opcode: 0x1, payload: 'half' }).subarray(0, 3));
    reset.socket.resetAndDestroy();
    await reset.ended;
    const { client, reply } = await authenticate(mint({ sub: 'bob' }, { expiresIn: '5m' }));
    expect(reply).toBe('Authenticated!');
    client.close();
    expect(app.child.exitCode).toBeNull();
  });

  it('logs the precise reason but never the token', async () => {
    const token = mint({ sub: 'carol' }, { expiresIn: '-1s' });
    const { client } = await authenticate(token);
    await client.closed;
    const line = await app.waitForLog((entry) => entry.msg === 'authentication failed' && entry['code'] === 'ERR_AUTH_TOKEN_EXPIRED');
    expect(line['reason']).toBe('token expired');
    expect(app.output.stdout).not.toContain(token.split('.')[2]);
    expect(app.output.stdout).not.toContain('eyJ');
  });
});

describe('secure-server start-up', () => {
  it('refuses to start in production without JWT_SECRET', async () => {
    const result = await runAppToExit('secure-server', { env: { NODE_ENV: 'production', JWT_SECRET: undefined } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET is required');
  });

  it('refuses a JWT_SECRET shorter than 32 bytes without printing it', async () => {
    const result = await runAppToExit('secure-server', { env: { NODE_ENV: 'production', JWT_SECRET: 'short-secret-value' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('at least 32 bytes');
    expect(result.stderr).not.toContain('short-secret-value');
  });

  it('creates an owner-only development secret and mints tokens with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-dev-'));
    const secretFile = join(dir, '.dev-jwt-secret');
    const env = { JWT_SECRET: undefined, NODE_ENV: 'development', DEV_SECRET_FILE: secretFile };
    const minted = await runAppToExit('secure-server', { file: 'token.js', args: ['--sub', 'dave', '--ttl', '1m'], env });
    expect(minted.code).toBe(0);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const dev = await startApp('secure-server', { env });
    try {
      const client = await connect(dev.url);
      expect(await client.request(minted.stdout.trim())).toBe('Authenticated!');
      client.close();
      const hint = await dev.waitForLog((line) => line.level === 'warn' && String(line.msg).includes('pnpm run token'));
      expect(hint['secretFile']).toBe(secretFile);
    } finally {
      await dev.stop();
    }
  });

  it('lists every configuration problem at once', async () => {
    const env = { PORT: 'abc', NODE_ENV: 'production', JWT_SECRET: 'short-secret-value-xyz', AUTH_TIMEOUT: 'forever', ALLOWED_ORIGINS: undefined };

    const result = await runAppToExit('secure-server', { env });

    expect(result.code).toBe(1);
    expect(result.stderr.match(/invalid configuration/g)).toHaveLength(1);
    expect(result.stderr).toContain('PORT: expected an integer');
    expect(result.stderr).toContain('AUTH_TIMEOUT: expected a duration');
    expect(result.stderr).toContain('JWT_SECRET must be at least 32 bytes');
    expect(result.stderr).toContain('ALLOWED_ORIGINS is required when NODE_ENV=production');
    expect(result.stderr).not.toContain('short-secret-value-xyz');
  });

  it('keeps a short development secret file and refuses to start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-dev-'));
    const secretFile = join(dir, '.dev-jwt-secret');
    writeFileSync(secretFile, 'too-short-to-sign\n', { mode: 0o600 });

    const result = await runAppToExit('secure-server', { env: { JWT_SECRET: undefined, NODE_ENV: 'development', DEV_SECRET_FILE: secretFile } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DEV_SECRET_FILE');
    expect(result.stderr).toContain('fewer than 32 characters');
    expect(result.stderr).not.toContain('too-short-to-sign');
    expect(readFileSync(secretFile, 'utf8')).toBe('too-short-to-sign\n');
  });

  it('refuses a development secret file readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-dev-'));
    const secretFile = join(dir, '.dev-jwt-secret');
    const content = `${randomBytes(32).toString('hex')}\n`;
    writeFileSync(secretFile, content);
    chmodSync(secretFile, 0o644);

    const result = await runAppToExit('secure-server', { env: { JWT_SECRET: undefined, NODE_ENV: 'development', DEV_SECRET_FILE: secretFile } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DEV_SECRET_FILE');
    expect(result.stderr).toContain('chmod 600');
    expect(readFileSync(secretFile, 'utf8')).toBe(content);
  });

  it('refuses a development secret path that is a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-dev-'));

    const result = await runAppToExit('secure-server', { env: { JWT_SECRET: undefined, NODE_ENV: 'development', DEV_SECRET_FILE: dir } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DEV_SECRET_FILE');
    expect(result.stderr).toContain('not a regular file');
  });

  it('writes a failed listen to the error log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-'));
    const file = join(dir, 'errors.log');
    const result = await runAppToExit('secure-server', { env: { JWT_SECRET: secret, PORT: String(app.port), ERROR_LOG_FILE: file } });
    expect(result.code).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('"msg":"listen failed"');
  });
});
