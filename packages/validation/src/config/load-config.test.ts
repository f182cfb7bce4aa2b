import { ConfigError, isProjError } from '@proj/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { integer, port } from './integer.js';
import { loadConfig } from './load-config.js';
import { secret } from './secret.js';
import { boolean, list } from './text.js';
import { bytes, duration } from './units.js';
import { url } from './url.js';

const schema = z.object({
  PORT: port().default(8765),
  JWT_SECRET: secret({ minBytes: 32 }),
  JWT_CLOCK_TOLERANCE: integer({ min: 0, max: 300 }).default(0),
  HEARTBEAT_INTERVAL: duration().default(30_000),
  MAX_PAYLOAD: bytes().default(65_536),
  TRUST_PROXY: boolean().default(false),
  ALLOWED_ORIGINS: list({ item: url() }).default([]),
  LOG_LEVEL: z.enum(['info', 'debug']).default('info'),
});

const SECRET_MARKER = 'sk_live_MARKER_51b0';

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (isProjError(error, 'ERR_CONFIG_INVALID') && error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  const secretValue = `${SECRET_MARKER}_${'x'.repeat(40)}`;

  it('returns a frozen, typed object with defaults applied', () => {
    const config = loadConfig(schema, { JWT_SECRET: secretValue, MAX_PAYLOAD: '1MiB' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.PORT).toBe(8765);
    expect(config.MAX_PAYLOAD).toBe(1_048_576);
    expect(config.JWT_SECRET.reveal()).toBe(secretValue);
    expect(JSON.stringify(config)).not.toContain(SECRET_MARKER);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { JWT_SECRET: secretValue, PORT: '' }).PORT).toBe(8765);
  });

  it('ignores variables inherited from the prototype of env', () => {
    const env = Object.create({ JWT_SECRET: secretValue }) as Record<string, string>;
    expect(configErrorOf(env).message).toContain('JWT_SECRET is required');
  });

  it('names every invalid variable with what was expected', () => {
    const error = configErrorOf({
      PORT: '1e309',
      JWT_SECRET: SECRET_MARKER,
      JWT_CLOCK_TOLERANCE: '-5',
      HEARTBEAT_INTERVAL: 'abc',
      MAX_PAYLOAD: '64KB',
      TRUST_PROXY: 'yes',
      ALLOWED_ORIGINS: 'https://ok.example,http://MARKER.example',
      LOG_LEVEL: 'verbose',
    });
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    const lines = error.message.replace('invalid configuration: ', '').split('; ');
    expect(lines).toEqual([
      'PORT: expected an integer from 0 to 65535',
      'JWT_SECRET: expected a secret of at least 32 bytes',
      'JWT_CLOCK_TOLERANCE: expected an integer from 0 to 300',
      'HEARTBEAT_INTERVAL: expected a duration such as 500ms, 30s, 15m, 2h or 1d',
      'MAX_PAYLOAD: expected a size such as 512B, 64KiB or 1MiB',
      'TRUST_PROXY: expected true, false, 1 or 0',
      'ALLOWED_ORIGINS.1: expected a URL starting with https://',
      'LOG_LEVEL: expected one of info, debug',
    ]);
  });

  it('reports a missing required variable', () => {
    expect(configErrorOf({}).message).toBe('invalid configuration: JWT_SECRET is required');
  });

  it('never includes a secret-looking value, not even on cause', () => {
    const error = configErrorOf({ JWT_SECRET: SECRET_MARKER, PORT: SECRET_MARKER, LOG_LEVEL: SECRET_MARKER });
    expect(error.message).not.toContain('MARKER');
    expect(error.cause).toBeInstanceOf(z.ZodError);
    expect(String(error.cause)).not.toContain('MARKER');
    expect(JSON.stringify((error.cause as z.ZodError).issues)).not.toContain('MARKER');
    expect(String(error.stack)).not.toContain('MARKER');
  });
});
