import { createError } from '@proj/errors';
import { z } from 'zod';

/** Environment variables by name, as in `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates environment variables against a zod object schema whose keys are
 * variable names. Returns a frozen, typed object.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` listing every invalid variable by
 * name with what was expected; values are never included, so secrets stay out
 * of the message.
 * @example
 * const config = loadConfig(z.object({ PORT: port().default(8765) }), process.env);
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env): Readonly<z.output<S>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty variable counts as unset, so defaults apply to `PORT=`.
    input[key] = value === undefined || value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${describeIssue(issue)}`);
    throw createError('ERR_CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, { cause: result.error });
  }
  return Object.freeze(result.data);
}

// Builds the expectation from the issue's fields rather than its message,
// because zod messages can quote the received value.
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `expected ${issue.expected}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `expected ${issue.format}`;
    case 'custom':
      return typeof issue.params?.['expected'] === 'string' ? `expected ${issue.params['expected']}` : 'is invalid';
    default:
      return 'is invalid';
  }
}
