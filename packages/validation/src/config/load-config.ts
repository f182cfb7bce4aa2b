import type { ProjError } from '@proj/errors';
import type { z } from 'zod';
import { describeIssue } from '../internal/describe-issue.js';
import { createConfigError } from './config-problems.js';

/** Environment variables by name, as in `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates environment variables against a zod object schema whose keys are
 * variable names, and returns a frozen, typed object. An empty variable
 * counts as unset, so `PORT=` takes the default.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming every invalid variable with
 * what was expected. Values are never included, so secrets stay out of the
 * message; the zod error is on `cause`.
 * @example
 * const config = loadConfig(z.object({ PORT: port().default(8765) }), process.env);
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env): Readonly<z.output<S>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = Object.hasOwn(env, key) ? env[key] : undefined;
    input[key] = value === undefined || value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (!result.success) throw configError(result.error, input);
  return Object.freeze(result.data);
}

function configError(error: z.ZodError, input: Record<string, string | undefined>): ProjError {
  const problems = error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(root)';
    const first = issue.path[0];
    const missing = issue.path.length === 1 && typeof first === 'string' && input[first] === undefined;
    return missing ? `${name} is required` : `${name}: ${describeIssue(issue)}`;
  });
  return createConfigError(problems, { cause: error });
}
