/** One operation to time, called once per iteration. */
export interface MicroSubject {
  group: string;
  name: string;
  run(): unknown;
  note?: string;
  /**
   * Calls of `run` per timed iteration, for operations near the timer's own
   * cost (about 100 ns), where one call per iteration measures mostly the timer.
   */
  batch?: number;
}

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Looks up an exported function at run time, so the harness keeps building
 * while a package's API changes; `undefined` when it is not exported.
 */
export function exported(module: object, name: string): AnyFunction | undefined {
  const value: unknown = (module as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as AnyFunction) : undefined;
}
