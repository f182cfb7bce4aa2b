import type { Logger } from 'pino';
import { lazyChild } from './internal/lazy-child.js';

/**
 * Creates a logger that writes as `parent.child(bindings)` but calls
 * `parent.child` only on the first line at an enabled level, or on any other
 * property access. Use it where most calls log nothing at the running level,
 * such as a success line at `debug` for every request. The bindings are
 * copied and redacted like those of any child; pass client-supplied values
 * through {@link untrusted} first.
 *
 * @example
 * const log = lazyChildLogger(logger, { remoteAddress: untrusted(address, 64) });
 * log.debug('authenticated'); // no pino child at level info
 */
export function lazyChildLogger(parent: Logger, bindings: Record<string, unknown>): Logger {
  return lazyChild(parent, { ...bindings });
}
