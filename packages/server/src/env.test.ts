import { describe, expect, it } from 'vitest';
import { loadServerEnv } from './env.js';
import { defaultServerOptions } from './options.js';

describe('loadServerEnv', () => {
  it('applies the defaults', () => {
    const { server, nodeEnv, logLevel } = loadServerEnv({}, { port: 8765 });
    expect(nodeEnv).toBe('development');
    expect(logLevel).toBe('info');
    expect(server.port).toBe(8765);
    expect(server.host).toBe('127.0.0.1');
    expect(server.maxPayloadBytes).toBe(defaultServerOptions.maxPayloadBytes);
    expect(server.closeTimeoutMs).toBe(1_500);
    expect(server.compression).toBe(false);
    expect(server.gcMetrics).toBe(false);
    expect(server.tls).toBeUndefined();
  });

  it('reads METRICS_GC as a boolean', () => {
    expect(loadServerEnv({ METRICS_GC: 'true' }, { port: 1 }).server.gcMetrics).toBe(true);
    expect(() => loadServerEnv({ METRICS_GC: 'sometimes' }, { port: 1 })).toThrow(/METRICS_GC/);
  });

  it('accepts any origin outside production only when no allowlist is set', () => {
    expect(loadServerEnv({}, { port: 1 }).server.dangerouslyAllowAnyOrigin).toBe(true);
    const listed = loadServerEnv({ ALLOWED_ORIGINS: 'https://app.example.com' }, { port: 1 }).server;
    expect(listed.dangerouslyAllowAnyOrigin).toBe(false);
    expect(listed.allowedOrigins).toEqual(['https://app.example.com']);
  });

  it('refuses production without an origin allowlist', () => {
    expect(() => loadServerEnv({ NODE_ENV: 'production' }, { port: 1 })).toThrow(/ALLOWED_ORIGINS is required/);
    expect(loadServerEnv({ NODE_ENV: 'production', DANGEROUSLY_ALLOW_ANY_ORIGIN: 'true' }, { port: 1 }).server.host).toBe('0.0.0.0');
  });

  it('rejects a wildcard origin', () => {
    expect(() => loadServerEnv({ ALLOWED_ORIGINS: '*' }, { port: 1 })).toThrow(/DANGEROUSLY_ALLOW_ANY_ORIGIN/);
  });

  it('names invalid variables without their values', () => {
    let message = '';
    try {
      loadServerEnv({ IP_DENYLIST: '10.0.0.0/99', ALLOWED_ORIGINS: 'https://a.example/path', MAX_PAYLOAD: 'lots' }, { port: 1 });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('IP_DENYLIST');
    expect(message).toContain('ALLOWED_ORIGINS');
    expect(message).toContain('MAX_PAYLOAD');
    expect(message).not.toContain('10.0.0.0/99');
    expect(message).not.toContain('lots');
  });

  it('requires the TLS certificate and key together', () => {
    expect(() => loadServerEnv({ TLS_CERT_FILE: new URL(import.meta.url).pathname }, { port: 1 })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
  });

  it('builds the rate limits from one window', () => {
    const { server } = loadServerEnv({ RATE_LIMIT_CONNECTION: '5', RATE_LIMIT_WINDOW: '10s', RATE_LIMIT_USER: '0' }, { port: 1 });
    expect(server.rateLimitPerConnection).toEqual({ points: 5, durationMs: 10_000 });
    expect(server.rateLimitPerUser).toEqual({ points: 0, durationMs: 10_000 });
  });

  it('rejects a rate-limit window of partial seconds', () => {
    expect(() => loadServerEnv({ RATE_LIMIT_WINDOW: '1500ms' }, { port: 1 })).toThrow(/RATE_LIMIT_WINDOW: expected whole seconds/);
    expect(loadServerEnv({ RATE_LIMIT_WINDOW: '2000ms' }, { port: 1 }).server.rateLimitPerConnection?.durationMs).toBe(2_000);
  });

  it('caps the pre-authentication limit at the message limit', () => {
    expect(loadServerEnv({ MAX_PAYLOAD: '4KiB' }, { port: 1 }).server.preAuthMaxPayloadBytes).toBe(4096);
  });
});
