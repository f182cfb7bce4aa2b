import { describe, expect, it } from 'vitest';
import { ERROR_SERIALIZER_LIMITS, serializeError } from './error.js';

describe('serializeError', () => {
  it('keeps type, code, message and stack', () => {
    const error = Object.assign(new RangeError('out of range'), { code: 'ERR_PROBE' });
    expect(serializeError(error)).toMatchObject({ type: 'RangeError', code: 'ERR_PROBE', message: 'out of range' });
    expect(serializeError(error).stack).toContain('RangeError: out of range');
  });

  it('bounds the stack to a fixed number of lines', () => {
    const error = new Error('deep');
    error.stack = ['Error: deep', ...Array.from({ length: 100 }, (_, index) => `    at frame${index}`)].join('\n');
    const stack = serializeError(error).stack ?? '';
    expect(stack.split('\n')).toHaveLength(ERROR_SERIALIZER_LIMITS.stackLines + 1);
    expect(stack).not.toContain('frame50');
  });

  it('truncates a huge message', () => {
    const message = serializeError(new Error('m'.repeat(100_000))).message;
    expect(message.length).toBeLessThan(ERROR_SERIALIZER_LIMITS.messageChars + 20);
  });

  it('follows the cause chain', () => {
    const root = new Error('root');
    const error = new Error('outer', { cause: new Error('middle', { cause: root }) });
    const serialized = serializeError(error);
    expect(serialized.cause).toMatchObject({ message: 'middle', cause: { message: 'root' } });
  });

  it('marks a cause cycle instead of looping', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as { cause?: unknown }).cause = second;
    expect(serializeError(first)).toMatchObject({ message: 'first', cause: { message: 'second', cause: '[circular]' } });
  });

  it('stops after the maximum cause depth', () => {
    let error = new Error('level 0');
    for (let level = 1; level <= 50; level += 1) error = new Error(`level ${level}`, { cause: error });
    let depth = 0;
    let node = serializeError(error).cause;
    while (typeof node === 'object') {
      depth += 1;
      node = node.cause;
    }
    expect(depth).toBe(ERROR_SERIALIZER_LIMITS.causeDepth);
  });

  it('serializes the first members of an AggregateError', () => {
    const error = new AggregateError([new Error('a'), new Error('b')], 'several');
    expect(serializeError(error).errors).toMatchObject([{ message: 'a' }, { message: 'b' }]);
  });

  it('describes thrown primitives', () => {
    expect(serializeError('plain text')).toEqual({ type: 'string', message: 'plain text' });
    expect(serializeError(null)).toEqual({ type: 'null', message: 'null' });
    expect(serializeError(42)).toEqual({ type: 'number', message: '42' });
  });

  it('never throws on hostile objects', () => {
    const throwing = {
      get message(): string {
        throw new Error('getter');
      },
      get cause(): unknown {
        throw new Error('getter');
      },
    };
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    const withToString = { toString: () => { throw new Error('toString'); }, message: 'kept' };
    expect(serializeError(throwing)).toEqual({ type: 'object', message: '' });
    expect(serializeError(proxy)).toEqual({ type: 'object', message: '' });
    expect(serializeError(withToString)).toEqual({ type: 'object', message: 'kept' });
  });
});
