import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, runAppToExit, startApp } from '@proj/testkit';
import { describe, expect, it } from 'vitest';

function writeKeysFile(keys: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'secure-keys-')), 'keys.json');
  writeFileSync(file, JSON.stringify({ keys }), { mode: 0o600 });
  return file;
}

describe('secure-server JWT_KEYS_FILE', () => {
  it('accepts tokens of the previous and the newest key', async () => {
    const file = writeKeysFile([
      { kid: 'previous', alg: 'HS256', secret: randomBytes(32).toString('hex') },
      { kid: 'newest', alg: 'HS512', secret: randomBytes(64).toString('hex') },
    ]);
    const env = { JWT_SECRET: undefined, JWT_KEYS_FILE: file };
    const newest = await runAppToExit('secure-server', { file: 'token.js', args: ['--sub', 'rotating'], env });
    const previous = await runAppToExit('secure-server', { file: 'token.js', args: ['--sub', 'rotating', '--kid', 'previous'], env });
    const unknown = await runAppToExit('secure-server', { file: 'token.js', args: ['--sub', 'rotating', '--kid', 'ghost'], env });
    expect(newest.code).toBe(0);
    expect(previous.code).toBe(0);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no signing key has kid "ghost"');
    expect(JSON.parse(Buffer.from(newest.stdout.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ alg: 'HS512', kid: 'newest' });

    const app = await startApp('secure-server', { env });
    try {
      for (const token of [newest.stdout.trim(), previous.stdout.trim()]) {
        const client = await connect(app.url);
        expect(await client.request(token)).toBe('Authenticated!');
        client.close();
      }
    } finally {
      await app.stop();
    }
  });

  it('refuses to start with a secret too short for its algorithm', async () => {
    const file = writeKeysFile([{ kid: 'weak', alg: 'HS384', secret: 'x'.repeat(40) }]);
    const result = await runAppToExit('secure-server', { env: { JWT_SECRET: undefined, JWT_KEYS_FILE: file } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('must be at least 48 bytes for HS384');
    expect(result.stderr).not.toContain('x'.repeat(40));
  });
});
