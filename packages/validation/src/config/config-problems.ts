import { type ConfigError, type ProjError, createError } from '@proj/errors';

/** The prefix of every `ERR_CONFIG_INVALID` message this package creates. */
const PREFIX = 'invalid configuration: ';

const problemsByError = new WeakMap<object, readonly string[]>();

/**
 * Creates one `ERR_CONFIG_INVALID` error whose message lists every problem
 * after a single `invalid configuration:` prefix.
 *
 * @example
 * throw createConfigError(['PORT: expected an integer', 'ALLOWED_ORIGINS is required']);
 */
export function createConfigError(problems: readonly string[], options: { cause?: unknown } = {}): ConfigError {
  const error = createError('ERR_CONFIG_INVALID', `${PREFIX}${problems.join('; ')}`, options) as ConfigError;
  problemsByError.set(error, Object.freeze([...problems]));
  return error;
}

/**
 * Collects configuration problems from several loaders and checks, so one
 * start-up reports all of them in one error.
 *
 * @example
 * const problems = new ConfigProblems();
 * const raw = problems.attempt(() => loadConfig(schema, env));
 * if (raw?.PORT === 0) problems.add('PORT: expected a fixed port');
 * problems.throwIfAny();
 */
export class ConfigProblems {
  readonly #problems: string[] = [];
  readonly #causes: unknown[] = [];

  /** Records one problem, such as `PORT: expected an integer from 0 to 65535`. */
  add(problem: string): void {
    this.#problems.push(problem);
  }

  /**
   * Runs `load` and returns its result. When it throws `ERR_CONFIG_INVALID`,
   * records that error's problems and returns undefined.
   *
   * @throws any other error `load` throws, unchanged.
   */
  attempt<T>(load: () => T): T | undefined {
    try {
      return load();
    } catch (err) {
      if (!isConfigError(err)) throw err;
      this.#problems.push(...problemsOf(err));
      this.#causes.push(err);
      return undefined;
    }
  }

  /** Whether no problem was recorded. */
  get isEmpty(): boolean {
    return this.#problems.length === 0;
  }

  /**
   * Throws one error listing every recorded problem; does nothing when there is none.
   *
   * @throws {ConfigError} `ERR_CONFIG_INVALID` listing every problem.
   */
  throwIfAny(): void {
    if (!this.isEmpty) this.raise();
  }

  /**
   * Throws one error listing every recorded problem, for a caller that cannot
   * go on, such as after a failed {@link attempt}.
   *
   * @throws {ConfigError} `ERR_CONFIG_INVALID` listing every problem.
   */
  raise(): never {
    const causes = this.#causes;
    const cause = causes.length > 1 ? new AggregateError(causes) : causes[0];
    throw createConfigError(this.#problems, cause === undefined ? {} : { cause });
  }
}

function isConfigError(err: unknown): err is ProjError {
  return err instanceof Error && (err as Partial<ProjError>).code === 'ERR_CONFIG_INVALID';
}

// Errors from createConfigError keep their list; others are one problem, their message without the prefix.
function problemsOf(error: ProjError): readonly string[] {
  const recorded = problemsByError.get(error);
  if (recorded !== undefined) return recorded;
  return [error.message.startsWith(PREFIX) ? error.message.slice(PREFIX.length) : error.message];
}
