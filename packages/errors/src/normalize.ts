import { errorRegistry } from './codes.js';
import { ProjError, createError } from './errors.js';
import { isNativeError, isProxy, readDataProperty } from './internal/inspect.js';
import { isWsErrorCode, wsErrorCodes } from './internal/ws-codes.js';
import { isErrorCode } from './lookup.js';

const MAX_DESCRIPTION_CHARS = 200;

/**
 * Turns anything thrown into a toolkit error, keeping the original as
 * `cause`. Toolkit errors pass through; errors `ws` emits (`WS_ERR_*`) get
 * the code whose close code matches the one `ws` sends; everything else
 * becomes `ERR_INTERNAL`. Never throws: it calls no `toString`, getter or
 * Proxy trap of the value, and does not walk `cause` chains.
 *
 * @example
 * ws.on('error', (err) => connection.fail(toProjError(err)));
 */
export function toProjError(value: unknown): ProjError {
  if (isTrustedProjError(value)) return value;
  const wsCode = readWsCode(value);
  if (wsCode !== undefined) {
    const code = isWsErrorCode(wsCode) ? wsErrorCodes[wsCode] : 'ERR_PROTOCOL_VIOLATION';
    // Clients see the message of an exposed code, so it stays the public one;
    // the ws code still reaches the log through `cause.code`.
    const message = errorRegistry[code].expose ? undefined : `ws reported ${wsCode}`;
    return createError(code, message, { cause: value });
  }
  return createError('ERR_INTERNAL', `unexpected ${describe(value)}`, { cause: value });
}

// A ProjError whose code and message are plain data, so serializers read
// stable values. Anything else, such as a Proxy around one, is wrapped.
function isTrustedProjError(value: unknown): value is ProjError {
  if (isProxy(value) || !isNativeError(value)) return false;
  try {
    if (!(value instanceof ProjError)) return false;
  } catch {
    return false;
  }
  return isErrorCode(readDataProperty(value, 'code')) && typeof readDataProperty(value, 'message') === 'string';
}

function readWsCode(value: unknown): string | undefined {
  if (!isNativeError(value)) return undefined;
  const code = readDataProperty(value, 'code');
  return typeof code === 'string' && /^WS_ERR_[A-Z0-9_]{1,60}$/.test(code) ? code : undefined;
}

// Describes a thrown value for the log without running any of its code.
function describe(value: unknown): string {
  if (value === null) return 'null thrown';
  if (isProxy(value)) return 'proxy thrown';
  if (isNativeError(value)) {
    const name = readDataProperty(value, 'name');
    const message = readDataProperty(value, 'message');
    const label = typeof name === 'string' ? name.slice(0, 60) : 'error';
    return `${label}: ${typeof message === 'string' ? message.slice(0, MAX_DESCRIPTION_CHARS) : ''}`;
  }
  switch (typeof value) {
    case 'string':
      return `string thrown: ${value.slice(0, MAX_DESCRIPTION_CHARS)}`;
    case 'object':
      return 'object thrown';
    default:
      return `${typeof value} thrown`;
  }
}
