import type { Logger } from 'pino';

interface LazyChildState {
  readonly parent: Logger;
  readonly bindings: Record<string, unknown>;
  child: Logger | undefined;
}

const states = new WeakMap<Logger, LazyChildState>();

/**
 * Returns a logger that behaves as `parent.child(bindings)` but calls
 * `parent.child` only when a line is written at an enabled level, or when
 * any other property is read or set. A server creates one per connection,
 * and most connections never write a line at an enabled level.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  const state: LazyChildState = { parent, bindings, child: undefined };
  const childOf = (): Logger => {
    state.child ??= parent.child(state.bindings);
    return state.child;
  };

  const proxy = new Proxy({} as Logger, {
    get(_target, property) {
      if (state.child === undefined && isDisabledLevel(parent, property)) return noop;
      const child = childOf();
      const value: unknown = Reflect.get(child, property, child);
      return typeof value === 'function' ? value.bind(child) : value;
    },
    set(_target, property, value) {
      return Reflect.set(childOf(), property, value);
    },
    has(_target, property) {
      return Reflect.has(childOf(), property);
    },
  });
  states.set(proxy, state);
  return proxy;
}

/**
 * Adds `bindings` to a logger from {@link lazyChild} that has not created its
 * child yet, and returns whether it did; otherwise it changes nothing.
 */
export function bindBeforeFirstLine(log: Logger, bindings: Record<string, unknown>): boolean {
  const state = states.get(log);
  if (state === undefined || state.child !== undefined) return false;
  Object.assign(state.bindings, bindings);
  return true;
}

// The child's level is its parent's until someone sets it, and setting it creates the child.
function isDisabledLevel(parent: Logger, property: string | symbol): boolean {
  return typeof property === 'string' && property in parent.levels.values && !parent.isLevelEnabled(property);
}

function noop(): void {}
