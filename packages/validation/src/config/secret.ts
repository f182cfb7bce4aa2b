import { inspect } from 'node:util';
import { z } from 'zod';
import { expecting } from '../internal/expected.js';

const REDACTED = '[redacted]';

/**
 * A secret from the configuration. Printing, logging or serializing it shows
 * `[redacted]`; only {@link Secret.reveal} returns the value.
 *
 * @example
 * const key = createHmacKey(config.JWT_SECRET.reveal());
 */
export class Secret {
  readonly #value: string;

  /** Wraps a secret value; {@link secret} does this for configuration. */
  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /** Returns the secret itself; pass it straight to the code that needs it. */
  reveal(): string {
    return this.#value;
  }

  /** Length of the secret in bytes of UTF-8. */
  get byteLength(): number {
    return Buffer.byteLength(this.#value, 'utf8');
  }

  /** Returns `[redacted]`, so template strings never show the value. */
  toString(): string {
    return REDACTED;
  }

  /** Returns `[redacted]`, so `JSON.stringify` and pino never show the value. */
  toJSON(): string {
    return REDACTED;
  }
}

// Defined outside the class body because isolatedDeclarations cannot declare
// a computed method name; it keeps console.log and util.inspect redacted.
Object.defineProperty(Secret.prototype, inspect.custom, {
  value: (): string => `Secret ${REDACTED}`,
});

/** Options for {@link secret}. */
export interface SecretOptions {
  /** Minimum length in bytes of UTF-8; 32 by default, the size of a 256-bit key. */
  minBytes?: number;
}

/**
 * Returns a schema for a secret of at least `minBytes` bytes, wrapped in
 * {@link Secret} so it cannot be printed by accident. loadConfig never prints
 * it either.
 *
 * @example
 * const config = loadConfig(z.object({ JWT_SECRET: secret({ minBytes: 32 }) }), process.env);
 */
export function secret({ minBytes = 32 }: SecretOptions = {}): z.ZodType<Secret, string | undefined> {
  return z
    .string()
    .refine((text) => Buffer.byteLength(text, 'utf8') >= minBytes, expecting(`a secret of at least ${minBytes} bytes`))
    .transform((text) => new Secret(text)) as never;
}
