import type { Logger } from 'pino';
import { untrusted } from '../untrusted.js';

interface LazyChildState {
  readonly parent: Logger;
  readonly bindings: Record<string, unknown>;
  /** Keys whose values are client-supplied, with their length limits; `untrusted` bounds them when the child is created. */
  readonly limits: Record<string, number>;
  child: Logger | undefined;
}

// Read through the proxy's get trap, so no WeakMap entry is needed per logger.
const STATE: unique symbol = Symbol('lazyChildState');

/**
 * Returns a logger that behaves as `parent.child(bindings)` but calls
 * `parent.child` only when a line is written at an enabled level, or when
 * any other property is read or set. A server creates one per connection,
 * and most connections never write a line at an enabled level. The values of
 * the keys in `limits` pass through `untrusted` with that limit, also only
 * when the child is created.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>, limits: Record<string, number> = {}): Logger {
  const target: LazyChildTarget = { [STATE]: { parent, bindings, limits, child: undefined } };
  return new Proxy(target, lazyChildTraps) as unknown as Logger;
}

// The proxy's target holds the state under a symbol only, so enumerating or serializing the
// logger finds no keys, as with an empty object.
interface LazyChildTarget {
  readonly [STATE]: LazyChildState;
}

// One set of traps serves every lazy child, so a connection's logger costs its state, the
// target and the proxy, with no closures of its own.
const lazyChildTraps: ProxyHandler<LazyChildTarget> = {
  get(target, property) {
    const state = target[STATE];
    if (property === STATE) return state;
    if (state.child === undefined && isDisabledLevel(state.parent, property)) return noop;
    const child = childOf(state);
    const value: unknown = Reflect.get(child, property, child);
    return typeof value === 'function' ? value.bind(child) : value;
  },
  set(target, property, value) {
    return Reflect.set(childOf(target[STATE]), property, value);
  },
  has(target, property) {
    return Reflect.has(childOf(target[STATE]), property);
  },
};

function childOf(state: LazyChildState): Logger {
  state.child ??= state.parent.child(boundedBindings(state));
  return state.child;
}

/**
 * Adds one binding to a logger from {@link lazyChild} that has not created
 * its child yet, bounded to `maxChars` with `untrusted` when the child is
 * created, and returns whether it did; otherwise it changes nothing.
 */
export function bindBeforeFirstLine(log: Logger, key: string, value: unknown, maxChars: number): boolean {
  const state = (log as unknown as { [STATE]?: LazyChildState })[STATE];
  if (state === undefined || state.child !== undefined) return false;
  state.bindings[key] = value;
  state.limits[key] = maxChars;
  return true;
}

function boundedBindings(state: LazyChildState): Record<string, unknown> {
  const bindings = { ...state.bindings };
  for (const [key, maxChars] of Object.entries(state.limits)) {
    if (key in bindings) bindings[key] = untrusted(bindings[key], maxChars);
  }
  return bindings;
}

// The child's level is its parent's until someone sets it, and setting it creates the child.
function isDisabledLevel(parent: Logger, property: string | symbol): boolean {
  return typeof property === 'string' && property in parent.levels.values && !parent.isLevelEnabled(property);
}

function noop(): void {}
