import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAppToExit } from '@proj/testkit';
import { beforeAll, describe, expect, it } from 'vitest';

// Invalid settings are all reported by one start-up, under one prefix.

let dir: string;

function generateCertificate(name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}-cert.pem`);
  const key = join(dir, `${name}-key.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'echo-config-'));
});

describe('echo-server configuration errors', () => {
  it('lists every invalid variable at once', async () => {
    const env = { PORT: 'abc', NODE_ENV: 'production', JWT_SECRET: 'short-secret-value-xyz', AUTH_TIMEOUT: 'forever', ALLOWED_ORIGINS: undefined };

    const result = await runAppToExit('echo-server', { env });

    expect(result.code).toBe(1);
    expect(result.stderr.match(/invalid configuration/g)).toHaveLength(1);
    expect(result.stderr).toContain('PORT: expected an integer');
    expect(result.stderr).toContain('ALLOWED_ORIGINS is required when NODE_ENV=production');
  });

  it('names swapped TLS files at start-up', async () => {
    const { cert, key } = generateCertificate('swapped');

    const result = await runAppToExit('echo-server', { env: { TLS_CERT_FILE: key, TLS_KEY_FILE: cert } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TLS_CERT_FILE and TLS_KEY_FILE are swapped');
  });

  it('rejects a key of another certificate', async () => {
    const first = generateCertificate('first');
    const second = generateCertificate('second');

    const result = await runAppToExit('echo-server', { env: { TLS_CERT_FILE: first.cert, TLS_KEY_FILE: second.key } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TLS_CERT_FILE and TLS_KEY_FILE do not form a valid pair');
  });

  it('rejects a certificate file that is not PEM', async () => {
    const { key } = generateCertificate('garbage');
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a certificate\n');

    const result = await runAppToExit('echo-server', { env: { TLS_CERT_FILE: garbage, TLS_KEY_FILE: key } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TLS_CERT_FILE: expected a PEM certificate');
    expect(result.stderr).not.toContain('not a certificate');
  });
});
