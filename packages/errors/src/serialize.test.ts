import { describe, expect, it } from 'vitest';
import { errorRegistry } from './codes.js';
import { createError } from './errors.js';
import { toHttpResponse } from './http-response.js';
import { errorCodes } from './lookup.js';
import { MAX_REPLY_MESSAGE_BYTES, publicMessageOf, toCloseFrame, toErrorReply } from './serialize.js';

const SECRET = 'hunter2-/srv/app/secrets.json-eyJhbGciOiJIUzI1NiJ9';
const unsafeCodes = errorCodes.filter((code) => !errorRegistry[code].expose);
const safeCodes = errorCodes.filter((code) => errorRegistry[code].expose);

describe('serializers of unsafe errors', () => {
  it.each(unsafeCodes)('hide the message of %s on every output', (code) => {
    const error = createError(code, `failed for ${SECRET}`, { cause: new Error(SECRET) });
    const reply = JSON.stringify(toErrorReply(error, 'req-1'));
    const frame = toCloseFrame(error);
    const response = toHttpResponse(error);
    for (const output of [reply, frame.reason, response]) {
      expect(output).not.toContain('hunter2');
      expect(output).not.toContain('eyJ');
      expect(output).not.toContain('/srv/');
    }
    expect(JSON.parse(reply)).toEqual({ type: 'error', code, message: errorRegistry[code].publicMessage, requestId: 'req-1' });
    expect(frame).toEqual({ code: errorRegistry[code].closeCode, reason: errorRegistry[code].publicMessage });
  });

  it('keep stacks and causes of a foreign error out', () => {
    const thrown = new Error(SECRET);
    const reply = JSON.stringify(toErrorReply(thrown));
    expect(reply).toBe('{"type":"error","code":"ERR_INTERNAL","message":"Internal error"}');
    expect(toCloseFrame(thrown)).toEqual({ code: 1011, reason: 'Internal error' });
    expect(toHttpResponse(thrown)).not.toContain('hunter2');
    expect(toHttpResponse(thrown)).not.toContain(' at ');
  });

  it('keep a thrown string out', () => {
    expect(toErrorReply(SECRET).message).toBe('Internal error');
    expect(toCloseFrame(SECRET).reason).toBe('Internal error');
  });
});

describe('publicMessageOf', () => {
  it.each(safeCodes)('shows the own message of the safe code %s', (code) => {
    expect(publicMessageOf(createError(code, 'expected a number at "age"'))).toBe('expected a number at "age"');
  });

  it('falls back to the public message when a safe message is empty', () => {
    expect(publicMessageOf(createError('ERR_VALIDATION_SCHEMA', ''))).toBe('Message failed validation');
  });
});

describe('toErrorReply', () => {
  it('leaves out a missing request id', () => {
    expect(toErrorReply(createError('ERR_RATE_LIMITED'))).toEqual({ type: 'error', code: 'ERR_RATE_LIMITED', message: 'Too many requests' });
  });

  it.each(['', 'x'.repeat(65), 'id with space', 'naïve', 'line\nbreak', '\u0000'])('leaves out the request id %j', (requestId) => {
    expect(toErrorReply(createError('ERR_RATE_LIMITED'), requestId)).not.toHaveProperty('requestId');
  });

  it('echoes a 64-character request id', () => {
    const requestId = 'a'.repeat(64);
    expect(toErrorReply(createError('ERR_RATE_LIMITED'), requestId).requestId).toBe(requestId);
  });

  it('truncates a long safe message on a character boundary', () => {
    const reply = toErrorReply(createError('ERR_VALIDATION_SCHEMA', '€'.repeat(1000)));
    expect(reply.message).toBe('€'.repeat(Math.floor(MAX_REPLY_MESSAGE_BYTES / 3)));
  });
});

describe('toCloseFrame', () => {
  it.each(errorCodes)('uses the close code of %s', (code) => {
    expect(toCloseFrame(createError(code)).code).toBe(errorRegistry[code].closeCode);
  });

  it('truncates a long safe message to 123 bytes', () => {
    const frame = toCloseFrame(createError('ERR_VALIDATION_SCHEMA', '😀'.repeat(100)));
    expect(frame.reason).toBe('😀'.repeat(30));
  });

  it('never throws for hostile input', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(toCloseFrame(hostile)).toEqual({ code: 1011, reason: 'Internal error' });
    expect(toErrorReply(hostile).code).toBe('ERR_INTERNAL');
  });
});
