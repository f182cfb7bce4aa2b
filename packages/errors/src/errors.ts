import { type ErrorCode, errorRegistry } from './codes.js';
import { type CodeOfKind, isErrorCode } from './lookup.js';
import type { ErrorKind, ErrorSpec } from './spec.js';

/** Options accepted by every toolkit error. */
export interface ProjErrorOptions {
  /** The underlying error, kept for the log and never sent to clients. */
  cause?: unknown;
}

/**
 * Base class of every toolkit error: a stable `code` from the registry and a
 * message meant for the log. What clients see comes from
 * {@link toErrorReply} and {@link toCloseFrame}, never from `message` directly.
 * Prefer {@link createError}, which picks the subclass of the code's kind.
 *
 * @throws {TypeError} when `code` is not registered, or belongs to another
 * kind than the subclass being constructed.
 * @example
 * try { verify(token) } catch (err) {
 *   if (err instanceof ProjError && err.code === 'ERR_AUTH_TOKEN_EXPIRED') refresh();
 * }
 */
export class ProjError<C extends ErrorCode = ErrorCode> extends Error {
  /** Stable code shaped `ERR_<AREA>_<PROBLEM>`. */
  readonly code: C;

  constructor(code: C, message?: string, options?: ProjErrorOptions) {
    // Checked at run time too, because JavaScript callers bypass the types.
    if (!isErrorCode(code)) throw new TypeError(`ProjError expects a registered error code, got ${describeCode(code)}`);
    const expected = classByKind[errorRegistry[code].kind];
    if (new.target !== ProjError && !(new.target === expected || new.target.prototype instanceof expected)) {
      throw new TypeError(`${code} is of kind ${errorRegistry[code].kind} and cannot be a ${new.target.name}`);
    }
    super(message ?? errorRegistry[code].publicMessage, options);
    this.code = code;
    this.name = new.target.name;
  }

  /** The registry entry of this error's code. */
  get spec(): ErrorSpec {
    return errorRegistry[this.code];
  }
}

/** Credentials are missing, malformed, invalid or expired. */
export class AuthenticationError extends ProjError<CodeOfKind<'authentication'>> {}
/** The caller is known but not allowed: revoked token, forbidden origin or address. */
export class AuthorizationError extends ProjError<CodeOfKind<'authorization'>> {}
/** Client input failed parsing or validation. */
export class ValidationError extends ProjError<CodeOfKind<'validation'>> {}
/** A rate, connection or session limit was exceeded. */
export class RateLimitError extends ProjError<CodeOfKind<'rate-limit'>> {}
/** A message exceeded the size or fragment limit. */
export class PayloadTooLargeError extends ProjError<CodeOfKind<'payload-too-large'>> {}
/** The peer broke the WebSocket or HTTP protocol. */
export class ProtocolError extends ProjError<CodeOfKind<'protocol'>> {}
/** A deadline passed: authentication, heartbeat or handshake. */
export class TimeoutError extends ProjError<CodeOfKind<'timeout'>> {}
/** The server cannot take the work now: shutting down, overloaded, slow consumer, keys unreachable. */
export class UnavailableError extends ProjError<CodeOfKind<'unavailable'>> {}
/** An unexpected server fault. */
export class InternalError extends ProjError<CodeOfKind<'internal'>> {}
/** Invalid configuration found at start-up. */
export class ConfigError extends ProjError<CodeOfKind<'config'>> {}

type ErrorClass = abstract new (code: never, message?: string, options?: ProjErrorOptions) => ProjError;

// Typed by ErrorKind, so a new kind without a subclass fails to compile.
const classByKind: Readonly<Record<ErrorKind, ErrorClass>> = {
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

/**
 * Creates an error of the subclass that matches the code's kind.
 *
 * @throws {TypeError} when `code` is not registered (only reachable from JavaScript).
 * @example
 * throw createError('ERR_AUTH_TOKEN_EXPIRED', 'exp 1700000000 is before now', { cause: err });
 */
export function createError<C extends ErrorCode>(code: C, message?: string, options?: ProjErrorOptions): ProjError<C> {
  if (!isErrorCode(code)) throw new TypeError(`createError expects a registered error code, got ${describeCode(code)}`);
  const ErrorForKind = classByKind[errorRegistry[code].kind] as unknown as new (
    code: C,
    message?: string,
    options?: ProjErrorOptions,
  ) => ProjError<C>;
  return new ErrorForKind(code, message, options);
}

/**
 * Tells whether a value is a toolkit error, optionally with a given code.
 *
 * @example
 * if (isProjError(err, 'ERR_AUTH_TOKEN_EXPIRED')) await refreshToken();
 */
export function isProjError<C extends ErrorCode>(value: unknown, code?: C): value is ProjError<C> {
  try {
    return value instanceof ProjError && (code === undefined || value.code === code);
  } catch {
    // A Proxy can throw from its getPrototypeOf trap during `instanceof`.
    return false;
  }
}

function describeCode(code: unknown): string {
  return typeof code === 'string' ? JSON.stringify(code.slice(0, 60)) : typeof code;
}
