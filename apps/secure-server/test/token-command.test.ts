import { randomBytes } from 'node:crypto';
import { runAppToExit } from '@proj/testkit';
import { describe, expect, it } from 'vitest';

const env = { JWT_SECRET: randomBytes(32).toString('hex') };

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.trim().split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('secure-server token command', () => {
  it('adds JSON scalars as values and the rest as strings', async () => {
    const args = ['--sub', 'erin', '--claim', 'user_id=5', '--claim', 'admin=false', '--claim', 'team=blue', '--claim', 'zip=007'];
    const result = await runAppToExit('secure-server', { file: 'token.js', args, env });
    expect(result.code).toBe(0);
    const payload = payloadOf(result.stdout);
    expect(payload['user_id']).toBe(5);
    expect(payload['admin']).toBe(false);
    expect(payload['team']).toBe('blue');
    expect(payload['zip']).toBe('007');
    expect(payload['sub']).toBe('erin');
  });

  for (const claim of ['exp=1', 'sub=mallory', 'iat=0', 'nbf=0']) {
    it(`rejects --claim ${claim.split('=')[0]}`, async () => {
      const result = await runAppToExit('secure-server', { file: 'token.js', args: ['--sub', 'erin', '--claim', claim], env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--claim cannot set ${claim.split('=')[0]}`);
      expect(result.stdout).toBe('');
    });
  }

  for (const name of ['__proto__', 'constructor', 'prototype']) {
    it(`rejects a ${name} claim`, async () => {
      const result = await runAppToExit('secure-server', { file: 'token.js', args: ['--sub', 'erin', '--claim', `${name}=x`], env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--claim cannot set ${name}:`);
      expect(result.stdout).toBe('');
    });
  }
});
