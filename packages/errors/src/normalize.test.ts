import { describe, expect, it } from 'vitest';
import { createError, InternalError, ProjError } from './errors.js';
import { toProjError } from './normalize.js';

function hostileProxy(): object {
  const fail = (): never => {
    throw new Error('trap');
  };
  return new Proxy(new Error('hidden'), { get: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail, has: fail, ownKeys: fail });
}

describe('toProjError', () => {
  it('passes a toolkit error through unchanged', () => {
    const error = createError('ERR_RATE_LIMITED');
    expect(toProjError(error)).toBe(error);
  });

  it.each<[string, unknown, RegExp]>([
    ['a string', 'boom', /^unexpected string thrown: boom$/],
    ['null', null, /^unexpected null thrown$/],
    ['undefined', undefined, /^unexpected undefined thrown$/],
    ['a number', 42, /^unexpected number thrown$/],
    ['a bigint', 10n, /^unexpected bigint thrown$/],
    ['a symbol', Symbol('s'), /^unexpected symbol thrown$/],
    ['a function', () => 1, /^unexpected function thrown$/],
    ['a plain object', { message: 'not an error' }, /^unexpected object thrown$/],
    ['an object without prototype', Object.create(null), /^unexpected object thrown$/],
    ['a TypeError', new TypeError('x is undefined'), /^unexpected TypeError: x is undefined$/],
  ])('wraps %s as ERR_INTERNAL with the original as cause', (_label, thrown, message) => {
    const error = toProjError(thrown);
    expect(error).toBeInstanceOf(InternalError);
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.message).toMatch(message);
    expect(error.cause).toBe(thrown);
  });

  it('never calls toString, valueOf or getters of a thrown object', () => {
    const touched: string[] = [];
    const thrown = {
      toString() {
        touched.push('toString');
        throw new Error('toString');
      },
      valueOf() {
        touched.push('valueOf');
        throw new Error('valueOf');
      },
      [Symbol.toPrimitive]() {
        touched.push('toPrimitive');
        throw new Error('toPrimitive');
      },
      get message() {
        touched.push('message');
        throw new Error('message');
      },
      get code() {
        touched.push('code');
        throw new Error('code');
      },
    };
    const error = toProjError(thrown);
    expect(error.code).toBe('ERR_INTERNAL');
    expect(touched).toEqual([]);
  });

  it('never calls getters of an Error', () => {
    const thrown = new Error('plain');
    Object.defineProperty(thrown, 'code', {
      get() {
        throw new Error('code getter');
      },
    });
    Object.defineProperty(thrown, 'message', {
      get() {
        throw new Error('message getter');
      },
    });
    const error = toProjError(thrown);
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.message).toBe('unexpected Error: ');
  });

  it('wraps a Proxy whose every trap throws', () => {
    const thrown = hostileProxy();
    const error = toProjError(thrown);
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.message).toBe('unexpected proxy thrown');
    expect(error.cause).toBe(thrown);
  });

  it('wraps a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable(new Error('x'), {});
    revoke();
    expect(toProjError(proxy).code).toBe('ERR_INTERNAL');
  });

  it('wraps a Proxy around a toolkit error instead of trusting it', () => {
    const inner = createError('ERR_VALIDATION_SCHEMA', 'field x invalid');
    const proxy = new Proxy(inner, {});
    const error = toProjError(proxy);
    expect(error).not.toBe(proxy);
    expect(error.code).toBe('ERR_INTERNAL');
  });

  it('wraps a toolkit error whose code was overwritten', () => {
    const tampered = createError('ERR_VALIDATION_SCHEMA');
    Object.defineProperty(tampered, 'code', { value: 'ERR_MADE_UP' });
    expect(toProjError(tampered).code).toBe('ERR_INTERNAL');
  });

  it('wraps an object posing as a toolkit error', () => {
    const fake = Object.setPrototypeOf({ code: 'ERR_VALIDATION_SCHEMA', message: 'x' }, ProjError.prototype) as unknown;
    expect(toProjError(fake).code).toBe('ERR_INTERNAL');
  });

  it('handles an error whose cause chain is cyclic', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    first.cause = second;
    const error = toProjError(first);
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.cause).toBe(first);
  });

  it('truncates a long thrown string in the log message', () => {
    const error = toProjError('x'.repeat(10_000));
    expect(error.message.length).toBeLessThan(260);
  });

  it('maps an unknown WS_ERR_ code to a protocol violation', () => {
    const thrown = Object.assign(new Error('future ws check'), { code: 'WS_ERR_SOMETHING_NEW' });
    const error = toProjError(thrown);
    expect(error.code).toBe('ERR_PROTOCOL_VIOLATION');
    expect(error.message).toBe('ws reported WS_ERR_SOMETHING_NEW');
    expect(error.cause).toBe(thrown);
  });

  it('keeps the public message for an exposed code from ws', () => {
    const thrown = Object.assign(new RangeError('Max payload size exceeded'), { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
    const error = toProjError(thrown);
    expect(error.code).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('Message too big');
  });

  it('ignores a WS_ERR_ code on a non-error object', () => {
    expect(toProjError({ code: 'WS_ERR_INVALID_UTF8' }).code).toBe('ERR_INTERNAL');
  });
});
