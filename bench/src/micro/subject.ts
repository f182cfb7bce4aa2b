/** One operation to time, called once per iteration. */
export interface MicroSubject {
  group: string;
  name: string;
  run(): unknown;
  note?: string;
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
