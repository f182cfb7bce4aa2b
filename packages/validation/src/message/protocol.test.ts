import { type ProjError, isProjError } from '@proj/errors';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { requestId } from '../fields/common-fields.js';
import { toMessageErrorReply } from './error-reply.js';
import { type MessageOf, defineProtocol } from './protocol.js';

const withRequestId = { requestId: requestId().optional() };

// The JSON protocol of the secure server, as a user of this package writes it.
const protocol = defineProtocol({
  auth: z.object({ token: z.string().min(1).max(4_096), ...withRequestId }),
  'auth.refresh': z.object({ token: z.string().min(1).max(4_096), ...withRequestId }),
  logout: z.object(withRequestId),
  whoami: z.object(withRequestId),
  echo: z.object({ text: z.string().max(1_000), ...withRequestId }),
  update: z.object({ fields: z.record(z.string().max(64), z.union([z.string(), z.number()])), ...withRequestId }),
});

function errorOf(run: () => unknown): ProjError {
  try {
    run();
  } catch (error) {
    if (isProjError(error)) return error;
    throw error;
  }
  throw new Error('expected a toolkit error, but nothing was thrown');
}

describe('defineProtocol', () => {
  it('parses a message into its typed shape', () => {
    const message = protocol.parse('{"type":"echo","text":"hi","requestId":"r-1"}');
    expect(message).toEqual({ type: 'echo', text: 'hi', requestId: 'r-1' });
    if (message.type === 'echo') expectTypeOf(message.text).toEqualTypeOf<string>();
    expectTypeOf<MessageOf<typeof protocol>['type']>().toEqualTypeOf<
      'auth' | 'auth.refresh' | 'logout' | 'whoami' | 'echo' | 'update'
    >();
  });

  it('lists the types in definition order', () => {
    expect(protocol.types).toEqual(['auth', 'auth.refresh', 'logout', 'whoami', 'echo', 'update']);
  });

  it('strips keys the schema does not declare', () => {
    expect(protocol.parse('{"type":"whoami","isAdmin":true}')).toEqual({ type: 'whoami' });
  });

  it.each([
    [']', 'ERR_VALIDATION_INVALID_JSON'],
    ['{"type":', 'ERR_VALIDATION_INVALID_JSON'],
    ['null', 'ERR_VALIDATION_SCHEMA'],
    ['123', 'ERR_VALIDATION_SCHEMA'],
    ['"x"', 'ERR_VALIDATION_SCHEMA'],
    ['[]', 'ERR_VALIDATION_SCHEMA'],
    ['{}', 'ERR_VALIDATION_SCHEMA'],
    ['{"type":7}', 'ERR_VALIDATION_SCHEMA'],
    ['{"type":"echo"}', 'ERR_VALIDATION_SCHEMA'],
    ['{"type":"chat"}', 'ERR_VALIDATION_UNKNOWN_TYPE'],
  ])('rejects %s with %s', (text, code) => {
    expect(errorOf(() => protocol.parse(text)).code).toBe(code);
  });

  it.each(['error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', ''])(
    'treats the reserved name %j as an unknown type',
    (type) => {
      expect(errorOf(() => protocol.parse(JSON.stringify({ type }))).code).toBe('ERR_VALIDATION_UNKNOWN_TYPE');
    },
  );

  it('rejects the padded and binary forms of a valid message', () => {
    const padded = `{"type":"whoami"}${' '.repeat(5_000_000)}`;
    expect(errorOf(() => protocol.parse(padded)).code).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(errorOf(() => protocol.parse(Buffer.from('{"type":"whoami"}'), true)).code).toBe(
      'ERR_VALIDATION_BINARY_UNSUPPORTED',
    );
  });

  it('applies its own limits', () => {
    const small = defineProtocol({ ping: z.object({ data: z.unknown() }) }, { maxBytes: 64, maxDepth: 2 });
    expect(small.limits).toEqual({ maxBytes: 64, maxDepth: 2 });
    expect(small.parse('{"type":"ping","data":[1]}')).toEqual({ type: 'ping', data: [1] });
    expect(errorOf(() => small.parse('{"type":"ping","data":[[1]]}')).code).toBe('ERR_VALIDATION_TOO_DEEP');
    expect(errorOf(() => small.parse(`{"type":"ping","data":"${'x'.repeat(64)}"}`)).code).toBe('ERR_PAYLOAD_TOO_LARGE');
  });

  describe('prototype pollution', () => {
    it('rejects __proto__ inside a record before validation', () => {
      const text = '{"type":"update","fields":{"__proto__":{"isAdmin":true}}}';
      expect(errorOf(() => protocol.parse(text)).code).toBe('ERR_VALIDATION_FORBIDDEN_KEY');
      expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    });

    it('rejects constructor.prototype before validation', () => {
      const text = '{"type":"update","constructor":{"prototype":{"isAdmin":true}}}';
      expect(errorOf(() => protocol.parse(text)).code).toBe('ERR_VALIDATION_FORBIDDEN_KEY');
      expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    });

    it('keeps record keys named after Object.prototype members as own data', () => {
      const fields = { toString: 'a', hasOwnProperty: 'b', valueOf: 1, constructor: 'c', isPrototypeOf: 'd' };
      const message = protocol.parse(JSON.stringify({ type: 'update', fields }));
      expect(message).toEqual({ type: 'update', fields });
      if (message.type !== 'update') throw new Error('expected an update message');
      expect(Object.getPrototypeOf(message.fields)).toBe(Object.prototype);
      expect(Object.hasOwn(message.fields, 'toString')).toBe(true);
    });

    it('gives validated data no inherited isAdmin', () => {
      const message = protocol.parse('{"type":"whoami","isAdmin":true}') as Record<string, unknown>;
      expect('isAdmin' in message).toBe(false);
    });
  });

  describe('safeParse', () => {
    it('returns the message on success', () => {
      expect(protocol.safeParse('{"type":"logout"}')).toEqual({ success: true, message: { type: 'logout' } });
    });

    it('returns the error instead of throwing', () => {
      const result = protocol.safeParse('{"type":"nope"}');
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.code).toBe('ERR_VALIDATION_UNKNOWN_TYPE');
    });

    it('rethrows what a schema of its own throws', () => {
      const broken = defineProtocol({
        boom: z.object({}).refine(() => {
          throw new RangeError('schema bug');
        }),
      });
      expect(() => broken.safeParse('{"type":"boom"}')).toThrow(RangeError);
    });
  });

  describe('validate', () => {
    it('validates a value parsed elsewhere', () => {
      expect(protocol.validate({ type: 'echo', text: 'x' })).toEqual({ type: 'echo', text: 'x' });
    });

    it('reads type only as an own property', () => {
      const inherited = Object.create({ type: 'whoami' }) as object;
      expect(errorOf(() => protocol.validate(inherited)).code).toBe('ERR_VALIDATION_SCHEMA');
    });
  });

  it('keeps the schema failure on cause and client-safe issues in the reply', () => {
    const error = errorOf(() => protocol.parse('{"type":"echo","text":5,"requestId":"r-9"}'));
    expect(error.code).toBe('ERR_VALIDATION_SCHEMA');
    expect(error.cause).toBeInstanceOf(z.ZodError);
    expect(toMessageErrorReply(error)).toEqual({
      type: 'error',
      code: 'ERR_VALIDATION_SCHEMA',
      message: 'message of type echo failed validation',
      requestId: 'r-9',
      issues: [{ path: ['text'], code: 'invalid_type', message: 'Invalid type' }],
    });
  });

  it('builds rejections without stack frames and restores the limit', () => {
    const limit = Error.stackTraceLimit;
    const error = errorOf(() => protocol.parse('{"type":"chat"}'));
    expect(Error.stackTraceLimit).toBe(limit);
    expect(error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '))).toEqual([]);
  });

  it('rejects a schema that declares its own type key', () => {
    expect(() => defineProtocol({ echo: z.object({ type: z.string() }) })).toThrow(TypeError);
  });
});
