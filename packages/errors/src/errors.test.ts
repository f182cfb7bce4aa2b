import { describe, expect, it } from 'vitest';
import { errorRegistry } from './codes.js';
import {
  AuthenticationError,
  AuthorizationError,
  ConfigError,
  InternalError,
  PayloadTooLargeError,
  ProjError,
  ProtocolError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
  ValidationError,
  createError,
  isProjError,
} from './errors.js';
import { errorCodes } from './lookup.js';
import type { ErrorKind } from './spec.js';

const classByKind: Record<ErrorKind, abstract new (code: never) => ProjError> = {
  authentication: AuthenticationError,
  authorization: AuthorizationError,
  validation: ValidationError,
  'rate-limit': RateLimitError,
  'payload-too-large': PayloadTooLargeError,
  protocol: ProtocolError,
  timeout: TimeoutError,
  unavailable: UnavailableError,
  internal: InternalError,
  config: ConfigError,
};

describe('createError', () => {
  it.each(errorCodes)('builds %s as the subclass of its kind', (code) => {
    const error = createError(code);
    const expected = classByKind[errorRegistry[code].kind];
    expect(error).toBeInstanceOf(expected);
    expect(error).toBeInstanceOf(ProjError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(expected.name);
    expect(error.code).toBe(code);
    expect(error.spec).toBe(errorRegistry[code]);
  });

  it('defaults the message to the public message', () => {
    expect(createError('ERR_RATE_LIMITED').message).toBe('Too many requests');
  });

  it('passes the cause through', () => {
    const cause = new Error('socket hang up');
    const error = createError('ERR_INTERNAL', 'upstream failed', { cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('upstream failed');
  });

  it('rejects an unregistered code from JavaScript', () => {
    expect(() => createError('ERR_NOPE' as never)).toThrow(/registered error code, got "ERR_NOPE"/);
    expect(() => createError('__proto__' as never)).toThrow(TypeError);
  });

  it('leaves the message and cause out of JSON', () => {
    const error = createError('ERR_INTERNAL', 'db password rejected', { cause: new Error('secret') });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'ERR_INTERNAL', name: 'InternalError' });
  });
});

describe('ProjError', () => {
  it('rejects a code of another kind in a subclass', () => {
    expect(() => new AuthenticationError('ERR_INTERNAL' as never)).toThrow(/ERR_INTERNAL is of kind internal/);
  });

  it('accepts a code of its kind in a user subclass', () => {
    class ExpiredError extends AuthenticationError {}
    const error = new ExpiredError('ERR_AUTH_TOKEN_EXPIRED');
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.name).toBe('ExpiredError');
  });

  it('rejects a symbol as a code', () => {
    expect(() => new ProjError(Symbol('x') as never)).toThrow(/got symbol/);
  });
});

describe('isProjError', () => {
  it('matches toolkit errors and an optional code', () => {
    const error = createError('ERR_AUTH_TOKEN_EXPIRED');
    expect(isProjError(error)).toBe(true);
    expect(isProjError(error, 'ERR_AUTH_TOKEN_EXPIRED')).toBe(true);
    expect(isProjError(error, 'ERR_AUTH_TOKEN_INVALID')).toBe(false);
  });

  it('rejects look-alikes and hostile proxies', () => {
    expect(isProjError({ code: 'ERR_INTERNAL', message: 'x' })).toBe(false);
    expect(isProjError(new Error('x'))).toBe(false);
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(isProjError(hostile)).toBe(false);
  });
});
