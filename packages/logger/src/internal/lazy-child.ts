import type { Logger } from 'pino';
import { untrusted } from '../untrusted.js';

// The proxy's target: private fields are no own keys, so enumerating or
// serializing the logger finds none, as with an empty object, and the state
// needs no second object to hide in.
class LazyChildState {
  readonly #parent: Logger;
  readonly #bindings: Record<string, unknown>;
  /**
   * Keys whose values are client-supplied, with their length limits; `untrusted` bounds them
   * when the child is created. Callers may share one object among loggers, so it is copied before a change.
   */
  #limits: Readonly<Record<string, number>>;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: Record<string, unknown>, limits: Readonly<Record<string, number>>) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#limits = limits;
  }

  /** Whether a read of `property` needs no child: a log method of a level that is off, before any child exists. */
  skips(property: string | symbol): boolean {
    return this.#child === undefined && isDisabledLevel(this.#parent, property);
  }

  /** Returns the pino child, creating it on the first call. */
  child(): Logger {
    this.#child ??= this.#parent.child(this.#boundedBindings());
    return this.#child;
  }

  bind(key: string, value: unknown, maxChars: number): boolean {
    if (this.#child !== undefined) return false;
    this.#bindings[key] = value;
    this.#limits = { ...this.#limits, [key]: maxChars };
    return true;
  }

  #boundedBindings(): Record<string, unknown> {
    const bindings = { ...this.#bindings };
    for (const [key, maxChars] of Object.entries(this.#limits)) {
      if (key in bindings) bindings[key] = untrusted(bindings[key], maxChars);
    }
    return bindings;
  }
}

const NO_LIMITS: Readonly<Record<string, number>> = Object.freeze({});

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
export function lazyChild(parent: Logger, bindings: Record<string, unknown>, limits: Readonly<Record<string, number>> = NO_LIMITS): Logger {
  return new Proxy(new LazyChildState(parent, bindings, limits), lazyChildTraps) as unknown as Logger;
}

// One set of traps serves every lazy child, so a connection's logger costs its
// state and the proxy, with no closures of its own.
const lazyChildTraps: ProxyHandler<LazyChildState> = {
  get(state, property) {
    if (property === STATE) return state;
    if (state.skips(property)) return noop;
    const child = state.child();
    const value: unknown = Reflect.get(child, property, child);
    return typeof value === 'function' ? value.bind(child) : value;
  },
  set(state, property, value) {
    return Reflect.set(state.child(), property, value);
  },
  has(state, property) {
    return Reflect.has(state.child(), property);
  },
};

/**
 * Adds one binding to a logger from {@link lazyChild} that has not created
 * its child yet, bounded to `maxChars` with `untrusted` when the child is
 * created, and returns whether it did; otherwise it changes nothing.
 */
export function bindBeforeFirstLine(log: Logger, key: string, value: unknown, maxChars: number): boolean {
  const state = (log as unknown as { [STATE]?: LazyChildState })[STATE];
  return state instanceof LazyChildState && state.bind(key, value, maxChars);
}

// The child's level is its parent's until someone sets it, and setting it creates the child.
function isDisabledLevel(parent: Logger, property: string | symbol): boolean {
  return typeof property === 'string' && property in parent.levels.values && !parent.isLevelEnabled(property);
}

function noop(): void {}
