import { types } from 'node:util';

// A Proxy's traps, or a getter, can throw or return different values between two
// reads. These helpers read plain data properties only, and never throw.

const MAX_PROTOTYPE_DEPTH = 32;

/** Tells whether `value` is a Proxy; such values are never trusted as errors. */
export function isProxy(value: unknown): boolean {
  return types.isProxy(value);
}

/** Reads a data property through the prototype chain without calling getters. */
export function readDataProperty(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || isProxy(value)) return undefined;
  try {
    let current: object | null = value;
    for (let depth = 0; current !== null && depth < MAX_PROTOTYPE_DEPTH; depth++) {
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined) return 'value' in descriptor ? descriptor.value : undefined;
      current = Object.getPrototypeOf(current) as object | null;
    }
  } catch {
    // A prototype in the chain may itself be a hostile Proxy.
  }
  return undefined;
}

/** Tells whether `value` is a real Error, without running a Proxy trap. */
export function isNativeError(value: unknown): value is Error {
  return !isProxy(value) && types.isNativeError(value);
}
