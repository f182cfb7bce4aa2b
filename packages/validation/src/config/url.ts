import { z } from 'zod';
import { expecting } from '../internal/expected.js';

/** Options for {@link url}. */
export interface UrlOptions {
  /** Accepted schemes with their colon, such as `'https:'`; only `https:` by default. */
  protocols?: readonly string[];
}

/**
 * Returns a schema for an absolute URL with one of the allowed protocols,
 * which outputs the normalized form (`new URL(text).href`).
 *
 * @example
 * z.object({ JWKS_URL: url() }); // https only
 * z.object({ UPSTREAM: url({ protocols: ['ws:', 'wss:'] }) });
 */
export function url({ protocols = ['https:'] }: UrlOptions = {}): z.ZodType<string, string | undefined> {
  const allowed = new Set(protocols);
  const expected = `a URL starting with ${[...allowed].map((protocol) => `${protocol}//`).join(' or ')}`;
  return z
    .string()
    .refine((text) => URL.canParse(text) && allowed.has(new URL(text).protocol), expecting(expected))
    .transform((text) => new URL(text).href) as never;
}
