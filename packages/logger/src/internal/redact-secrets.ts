import type { Logger } from 'pino';
import { REDACTED, REDACT_MAX_DEPTH, SECRET_KEYS } from '../redact.js';

const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);

/**
 * Replaces the value of every {@link SECRET_KEYS} key found in `value` with
 * `[redacted]`, from `depth` (the number of objects or arrays above `value`'s
 * own keys) down to {@link REDACT_MAX_DEPTH}. It copies an object or array only
 * when something below it was redacted, so the caller's objects are never
 * changed and a line without secrets costs one walk and no allocation.
 */
export function redactSecrets(value: unknown, depth: number): unknown {
  if (depth > REDACT_MAX_DEPTH || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;

  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const redacted = redactSecrets(item, depth + 1);
      if (redacted === item) continue;
      copy ??= value.slice();
      copy[index] = redacted;
    }
    return copy ?? value;
  }

  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const redacted = SECRET_KEY_SET.has(key) ? REDACTED : redactSecrets(item, depth + 1);
    if (redacted === item) continue;
    copy ??= { ...record };
    copy[key] = redacted;
  }
  return copy ?? value;
}

/**
 * Redacts a log call's object or a child's bindings. Keys with a serializer
 * are left for {@link redactSerialized}, because pino serializes them after
 * this runs and the serializer may read fields a copy would not keep.
 */
export function redactLogObject(object: Record<string, unknown>, serializedKeys: ReadonlySet<string>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    if (serializedKeys.has(key) && !SECRET_KEY_SET.has(key)) continue;
    const item = object[key];
    const redacted = SECRET_KEY_SET.has(key) ? REDACTED : redactSecrets(item, 1);
    if (redacted === item) continue;
    copy ??= { ...object };
    copy[key] = redacted;
  }
  return copy ?? object;
}

/** Wraps a serializer so that its output is redacted as a value one level below the top. */
export function redactSerialized<Input, Output>(serializer: (value: Input) => Output): (value: Input) => Output {
  return (value) => redactSecrets(serializer(value), 1) as Output;
}

/**
 * Makes `logger` and every child made from it redact the bindings passed to
 * `child` and `setBindings`. pino applies `formatters.bindings` to the root
 * logger's base only, so the two methods are wrapped on the root instance,
 * where children inherit them through their prototype.
 */
export function redactBindings(logger: Logger, serializedKeys: ReadonlySet<string>): Logger {
  const child = logger.child;
  const setBindings = logger.setBindings;
  logger.child = function redactedChild(this: Logger, bindings, options) {
    return Reflect.apply(child, this, [redactLogObject(bindings, serializedKeys), options]);
  };
  logger.setBindings = function redactedSetBindings(this: Logger, bindings): void {
    Reflect.apply(setBindings, this, [redactLogObject(bindings, serializedKeys)]);
  };
  return logger;
}
