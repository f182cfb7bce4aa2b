import { describe, expect, it } from 'vitest';
import { closeCodeRetryAdvice } from './close-codes.js';
import { type ErrorCode, errorRegistry } from './codes.js';
import { errorCodes, isErrorCode, specOf } from './lookup.js';

const clientFaultKinds = new Set(['authentication', 'authorization', 'validation', 'rate-limit', 'payload-too-large', 'protocol', 'timeout']);
const utf8 = new TextEncoder();

describe('errorRegistry', () => {
  // The close codes the contract names, one code standing for each.
  it.each<[ErrorCode, number, number]>([
    ['ERR_SERVER_SHUTTING_DOWN', 1001, 503],
    ['ERR_PROTOCOL_VIOLATION', 1002, 400],
    ['ERR_VALIDATION_BINARY_UNSUPPORTED', 1003, 400],
    ['ERR_VALIDATION_INVALID_UTF8', 1007, 400],
    ['ERR_VALIDATION_BUDGET_EXCEEDED', 1008, 400],
    ['ERR_PAYLOAD_TOO_MANY_FRAGMENTS', 1008, 413],
    ['ERR_PAYLOAD_TOO_LARGE', 1009, 413],
    ['ERR_INTERNAL', 1011, 500],
    ['ERR_SERVER_OVERLOADED', 1013, 503],
    ['ERR_SERVER_SLOW_CONSUMER', 1013, 503],
    ['ERR_VALIDATION_INVALID_JSON', 4400, 400],
    ['ERR_AUTH_TOKEN_INVALID', 4401, 401],
    ['ERR_AUTH_TOKEN_MISSING', 4401, 401],
    ['ERR_AUTH_TOKEN_REVOKED', 4403, 403],
    ['ERR_ACCESS_ORIGIN_FORBIDDEN', 4403, 403],
    ['ERR_AUTH_TIMEOUT', 4408, 408],
    ['ERR_RATE_LIMITED', 4429, 429],
    ['ERR_AUTH_TOKEN_EXPIRED', 4440, 401],
    ['ERR_TIMEOUT_HEARTBEAT', 1006, 408],
    ['ERR_PROTOCOL_UPGRADE_REQUIRED', 1002, 426],
    ['ERR_PROTOCOL_HEADERS_TOO_LARGE', 1002, 431],
  ])('maps %s to close code %i and HTTP %i', (code, closeCode, httpStatus) => {
    expect(errorRegistry[code].closeCode).toBe(closeCode);
    expect(errorRegistry[code].httpStatus).toBe(httpStatus);
  });

  it.each(errorCodes)('gives %s the retry advice of its close code', (code) => {
    const spec = errorRegistry[code];
    expect(spec.retry).toBe(closeCodeRetryAdvice[spec.closeCode]);
  });

  it.each(errorCodes)('gives %s an HTTP status of its 44xx close code minus 4000', (code) => {
    const { closeCode, httpStatus } = errorRegistry[code];
    if (closeCode >= 4400 && closeCode < 4440) expect(httpStatus).toBe(closeCode - 4000);
    if (closeCode === 4440) expect(httpStatus).toBe(401);
  });

  it.each(errorCodes)('logs %s at the level of its fault side', (code) => {
    const { kind, logLevel } = errorRegistry[code];
    if (clientFaultKinds.has(kind)) expect(['info', 'warn']).toContain(logLevel);
    if (kind === 'internal' || kind === 'config') expect(logLevel).toBe('error');
  });

  it.each(errorCodes)('hides auth and internal message %s', (code) => {
    const { kind, expose } = errorRegistry[code];
    if (kind === 'authentication' || kind === 'authorization' || kind === 'internal') expect(expose).toBe(false);
  });

  it.each(errorCodes)('gives %s a public message that fits a close frame', (code) => {
    const { publicMessage } = errorRegistry[code];
    expect(publicMessage.length).toBeGreaterThan(0);
    expect(utf8.encode(publicMessage).byteLength).toBeLessThanOrEqual(123);
  });

  it.each(errorCodes)('shapes %s as ERR_<AREA>_<PROBLEM>', (code) => {
    // ERR_INTERNAL predates the shape; codes are never renamed.
    if (code !== 'ERR_INTERNAL') expect(code).toMatch(/^ERR_[A-Z0-9]+_[A-Z0-9_]+$/);
  });

  it.each(errorCodes)('documents %s with a meaning and a remedy', (code) => {
    expect(errorRegistry[code].meaning).toMatch(/\S/);
    expect(errorRegistry[code].remedy).toMatch(/\S/);
  });

  it('is frozen, entries included', () => {
    expect(Object.isFrozen(errorRegistry)).toBe(true);
    expect(Object.isFrozen(errorRegistry.ERR_INTERNAL)).toBe(true);
    expect(() => {
      (errorRegistry.ERR_INTERNAL as { expose: boolean }).expose = true;
    }).toThrow(TypeError);
    expect(errorRegistry.ERR_INTERNAL.expose).toBe(false);
  });
});

describe('isErrorCode', () => {
  it('accepts every registered code', () => {
    for (const code of errorCodes) expect(isErrorCode(code)).toBe(true);
  });

  it.each(['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf', 'ERR_NOPE', 'err_internal', ''])(
    'rejects %j',
    (value) => {
      expect(isErrorCode(value)).toBe(false);
    },
  );

  it.each([null, undefined, 42, Symbol('ERR_INTERNAL'), {}, ['ERR_INTERNAL']])('rejects the non-string %s', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });
});

describe('specOf', () => {
  it('returns the registry entry', () => {
    expect(specOf('ERR_RATE_LIMITED')).toBe(errorRegistry.ERR_RATE_LIMITED);
  });
});
