import type { IncomingMessage } from 'node:http';
import type { Logger } from '@proj/logger';
import type { Connection } from './connection.js';

/** Callbacks that give a server its behaviour. Each may be async; throws are caught. */
export interface ConnectionHandler<Session = unknown> {
  /** Runs once the upgrade completes, after the upgrade hook set `session`. */
  onOpen?(connection: Connection<Session>): void | Promise<void>;
  /** Runs for each text message, already checked against the size and rate limits. */
  onMessage(connection: Connection<Session>, text: string): void | Promise<void>;
  /** Runs once the connection is closed, whatever the reason. */
  onClose?(connection: Connection<Session>, code: number): void;
}

/** Facts about an upgrade request that the server passes to {@link AuthenticateUpgrade}. */
export interface UpgradeContext {
  /** Client address after the trusted-proxy rules. */
  readonly remoteAddress: string;
}

/**
 * Authenticates an upgrade request before the 101 response. Returns the
 * session, or undefined to let the connection authenticate in-band later.
 * A result returned without a promise is used at once; a promise must settle
 * within `handshakeTimeoutMs`, or the upgrade is rejected with 408.
 *
 * @throws {ProjError} any toolkit error, such as `ERR_AUTH_TOKEN_INVALID`: the
 * upgrade is rejected with the error's HTTP status. Anything else thrown
 * rejects it with 500 and is logged as a server fault.
 */
export type AuthenticateUpgrade<Session> = (
  request: IncomingMessage,
  context: UpgradeContext,
) => Session | undefined | Promise<Session | undefined>;

/** Collaborators of a server. */
export interface ServerDeps<Session = unknown> {
  /** Logger for lifecycle events; each connection gets a child of it. */
  logger: Logger;
  /** Application callbacks. */
  handler: ConnectionHandler<Session>;
  /** Optional authentication at the upgrade; its session is set before `onOpen`. */
  authenticateUpgrade?: AuthenticateUpgrade<Session>;
  /**
   * Chooses among the subprotocols the client offers. Only a protocol that is
   * both offered and listed in the `subprotocols` option is ever selected, so
   * a token sent as a protocol is never echoed. By default the first listed
   * match wins.
   */
  selectProtocol?(offered: ReadonlySet<string>, request: IncomingMessage): string | undefined;
  /** The user key for the per-user rate limit; by default the session's `userId` when it is a string or number. */
  userIdOf?(session: Session): string | undefined;
}
