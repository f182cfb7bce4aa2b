// Type-level checks: `tsc -p tsconfig.json --noEmit` (the package's
// typecheck) fails when a `@ts-expect-error` line below stops being an error.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CloseCode, RetryAdvice } from './close-codes.js';
import { type ErrorCode, errorRegistry } from './codes.js';
import { AuthenticationError, type ProjError, ValidationError, createError } from './errors.js';
import type { ValidErrorRegistry } from './internal/registry-shape.js';
import type { CodeOfKind } from './lookup.js';
import type { HttpStatus } from './spec.js';

const completeSpec = {
  kind: 'internal',
  closeCode: 1011,
  httpStatus: 500,
  logLevel: 'error',
  expose: false,
  publicMessage: 'Internal error',
  retry: 'with-backoff',
  meaning: 'm',
  remedy: 'r',
} as const;

const { httpStatus: _dropped, ...specWithoutHttpStatus } = completeSpec;

// Returns a label for every code; compiles only while the switch is exhaustive.
function describeCode(code: ErrorCode): string {
  switch (code) {
    case 'ERR_AUTH_TOKEN_EXPIRED':
      expectTypeOf(code).toEqualTypeOf<'ERR_AUTH_TOKEN_EXPIRED'>();
      return 'refresh';
    case 'ERR_INTERNAL':
      return 'backoff';
    default: {
      expectTypeOf(code).not.toEqualTypeOf<'ERR_INTERNAL'>();
      return code;
    }
  }
}

describe('type contract', () => {
  it('narrows error codes in a switch', () => {
    expect(describeCode('ERR_AUTH_TOKEN_EXPIRED')).toBe('refresh');
  });

  it('accepts a complete registry and rejects an unmapped or misshapen one', () => {
    expectTypeOf<ValidErrorRegistry<{ ERR_TEST_OK: typeof completeSpec }>>().toEqualTypeOf<{ ERR_TEST_OK: typeof completeSpec }>();
    // @ts-expect-error a code without an HTTP status fails to compile
    expectTypeOf<ValidErrorRegistry<{ ERR_TEST_UNMAPPED: typeof specWithoutHttpStatus }>>();
    // @ts-expect-error a key not shaped ERR_<AREA>_<PROBLEM> fails to compile
    expectTypeOf<ValidErrorRegistry<{ TEST_NO_PREFIX: typeof completeSpec }>>();
    // @ts-expect-error a lower-case code fails to compile
    expectTypeOf<ValidErrorRegistry<{ ERR_test_lower: typeof completeSpec }>>();
    // @ts-expect-error an HTTP status without a reason phrase fails to compile
    expectTypeOf<ValidErrorRegistry<{ ERR_TEST_STATUS: Omit<typeof completeSpec, 'httpStatus'> & { httpStatus: 418 } }>>();
    expect(specWithoutHttpStatus).not.toHaveProperty('httpStatus');
  });

  it('types every mapping table by its closed union', () => {
    expectTypeOf(errorRegistry.ERR_AUTH_TOKEN_EXPIRED.closeCode).toEqualTypeOf<4440>();
    expectTypeOf(errorRegistry.ERR_INTERNAL.closeCode).toExtend<CloseCode>();
    expectTypeOf(errorRegistry.ERR_INTERNAL.httpStatus).toExtend<HttpStatus>();
    expectTypeOf(errorRegistry.ERR_INTERNAL.retry).toExtend<RetryAdvice>();
    // @ts-expect-error a close code without retry advice fails to compile
    const partialAdvice: Record<CloseCode, RetryAdvice> = { 1000: 'never' };
    expect(partialAdvice).toBeDefined();
  });

  it('ties each subclass to the codes of its kind', () => {
    expectTypeOf(createError('ERR_AUTH_TOKEN_EXPIRED')).toEqualTypeOf<ProjError<'ERR_AUTH_TOKEN_EXPIRED'>>();
    expectTypeOf<CodeOfKind<'authentication'>>().toExtend<ErrorCode>();
    // @ts-expect-error an internal code is not an authentication code
    expect(() => new AuthenticationError('ERR_INTERNAL')).toThrow(TypeError);
    // @ts-expect-error an authentication code is not a validation code
    expect(() => new ValidationError('ERR_AUTH_TOKEN_EXPIRED')).toThrow(TypeError);
    // @ts-expect-error an unregistered code does not compile
    expect(() => createError('ERR_NOT_REGISTERED')).toThrow(TypeError);
  });
});
