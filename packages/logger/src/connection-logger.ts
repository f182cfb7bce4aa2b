import type { Logger } from 'pino';
import { bindBeforeFirstLine, lazyChild } from './internal/lazy-child.js';
import { untrusted } from './untrusted.js';

/** Bindings of {@link connectionLogger}. */
export interface ConnectionBindings {
  /** Server-generated connection id. */
  connectionId: string;
  /** Client address as the server observed it. */
  remoteAddress: string;
}

const withUser = new WeakSet<Logger>();
const USER_ID_MAX_CHARS = 256;
// Shared by every connection logger; a logger copies it before adding the user id's limit.
const CONNECTION_LIMITS: Readonly<Record<string, number>> = Object.freeze({ connectionId: 64, remoteAddress: 64 });

/**
 * Creates the child logger of one connection, binding `connectionId` and
 * `remoteAddress` (truncated to 64 characters) to every line it writes. The
 * pino child is created on the first line at an enabled level, so a
 * connection that logs nothing costs no child logger.
 *
 * @example
 * const log = connectionLogger(logger, { connectionId: randomUUID(), remoteAddress });
 */
export function connectionLogger(parent: Logger, bindings: ConnectionBindings): Logger {
  return lazyChild(
    parent,
    { connectionId: bindings.connectionId, remoteAddress: bindings.remoteAddress },
    CONNECTION_LIMITS,
  );
}

/**
 * Binds `userId` (truncated to 256 characters) to a connection's logger after
 * authentication, so every later line of that logger carries it. Returns
 * `false` and changes nothing when a user id is already bound, because pino
 * appends bindings and a second call would write the key twice.
 *
 * @example
 * bindUserId(connection.log, verified.userId);
 */
export function bindUserId(log: Logger, userId: string): boolean {
  if (withUser.has(log)) return false;
  withUser.add(log);
  if (!bindBeforeFirstLine(log, 'userId', userId, USER_ID_MAX_CHARS)) log.setBindings({ userId: untrusted(userId, USER_ID_MAX_CHARS) });
  return true;
}
