import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, connect, startApp } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let app: AppProcess;
let cert: Buffer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'echo-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  app = await startApp('echo-server', { env: { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') } });
});

afterAll(async () => {
  await app.stop();
});

describe('echo-server over TLS', () => {
  it('serves wss:// with a configured certificate', async () => {
    const listening = await app.waitForLog((line) => line.msg === 'listening');
    expect(listening['tls']).toBe(true);
    const client = await connect(`wss://127.0.0.1:${app.port}`, { ca: cert });
    expect(await client.request('over tls')).toBe('Server received: over tls');
    client.close();
  });

  it('refuses plain ws:// on the TLS port', async () => {
    await expect(connect(`ws://127.0.0.1:${app.port}`)).rejects.toThrow();
  });
});
