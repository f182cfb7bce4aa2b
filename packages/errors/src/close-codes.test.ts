import { describe, expect, it } from 'vitest';
import { CloseCode, closeCodeRetryAdvice, isCloseCode } from './close-codes.js';

describe('closeCodeRetryAdvice', () => {
  it('has advice for every close code and nothing else', () => {
    const codes = Object.values(CloseCode).map(String).sort();
    expect(Object.keys(closeCodeRetryAdvice).sort()).toEqual(codes);
  });

  it.each([
    [CloseCode.GOING_AWAY, 'with-backoff'],
    [CloseCode.PROTOCOL_ERROR, 'never'],
    [CloseCode.MESSAGE_TOO_BIG, 'never'],
    [CloseCode.INTERNAL_ERROR, 'with-backoff'],
    [CloseCode.TRY_AGAIN_LATER, 'with-backoff'],
    [CloseCode.UNAUTHORIZED, 'after-refresh'],
    [CloseCode.FORBIDDEN, 'never'],
    [CloseCode.AUTHENTICATION_TIMEOUT, 'immediately'],
    [CloseCode.TOO_MANY_REQUESTS, 'with-backoff'],
    [CloseCode.TOKEN_EXPIRED, 'after-refresh'],
  ])('advises %i: %s', (code, advice) => {
    expect(closeCodeRetryAdvice[code]).toBe(advice);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(closeCodeRetryAdvice)).toBe(true);
    expect(Object.isFrozen(CloseCode)).toBe(true);
  });
});

describe('CloseCode', () => {
  it('shapes application codes as 4000 plus the HTTP status', () => {
    expect(CloseCode.BAD_REQUEST).toBe(4400);
    expect(CloseCode.UNAUTHORIZED).toBe(4401);
    expect(CloseCode.FORBIDDEN).toBe(4403);
    expect(CloseCode.AUTHENTICATION_TIMEOUT).toBe(4408);
    expect(CloseCode.TOO_MANY_REQUESTS).toBe(4429);
  });
});

describe('isCloseCode', () => {
  it('accepts every close code', () => {
    for (const code of Object.values(CloseCode)) expect(isCloseCode(code)).toBe(true);
  });

  it.each([1005, 1015, 3000, 4999, 0, -1, Number.NaN, 1000.5, '1000', null, undefined])('rejects %s', (value) => {
    expect(isCloseCode(value)).toBe(false);
  });
});
