import { type ExpiryScheduler, type MessageProtocol, type Revocation, type RevocationStore, type Session, type SessionRegistry, createExpiryScheduler, revocationMatches } from '@proj/auth';
import { createError } from '@proj/errors';
import type { Logger } from '@proj/logger';
import type { Connection } from '@proj/server';
import * as events from './auth-events.js';

/** Options for {@link LiveSessions}. */
export interface LiveSessionsOptions {
  registry: SessionRegistry;
  revocations: RevocationStore;
  /** Milliseconds before expiry at which JSON clients get `auth.expiring`. */
  expiryWarningMs: number;
  /** Seconds past `exp` a session stays open, matching the verifier's tolerance. */
  clockToleranceSeconds: number;
  logger: Logger;
}

interface Entry {
  connection: Connection<Session>;
  protocol: MessageProtocol | undefined;
}

/**
 * Ties sessions to their connections: registers them under the per-user cap,
 * warns JSON clients before expiry, closes with 4440 at expiry and with 4403
 * as soon as the revocation store reports a matching revocation.
 */
export class LiveSessions {
  readonly #entries = new Map<string, Entry>();
  readonly #options: LiveSessionsOptions;
  readonly #unsubscribe: () => void;
  // One timer for every session, keyed by connection id.
  readonly #expiry: ExpiryScheduler<string>;

  constructor(options: LiveSessionsOptions) {
    this.#options = options;
    this.#expiry = createExpiryScheduler<string>({
      warnBeforeMs: options.expiryWarningMs,
      onWarning: (connectionId, expiresInMs) => this.#warn(connectionId, expiresInMs),
      onExpiry: (connectionId) => this.#end(connectionId, 'expired', createError('ERR_AUTH_TOKEN_EXPIRED', 'session reached exp')),
    });
    this.#unsubscribe = options.revocations.subscribe((revocation) => this.#closeRevoked(revocation));
  }

  /** The registry of live sessions. */
  get registry(): SessionRegistry {
    return this.#options.registry;
  }

  /**
   * Registers the session of an authenticated connection. Call
   * {@link startExpiry} after sending the reply that confirms authentication,
   * because a token inside the warning window gets `auth.expiring` at once.
   *
   * @throws {RateLimitError} `ERR_AUTH_SESSION_LIMIT` when the user is at the cap under the `reject` policy.
   */
  open(connection: Connection<Session>, session: Session, protocol: MessageProtocol | undefined): void {
    const { evicted } = this.#options.registry.add(session);
    for (const old of evicted) this.#end(old.id, 'evicted', createError('ERR_AUTH_SESSION_LIMIT', 'evicted by a newer session of the same user'));
    this.#entries.set(connection.id, { connection, protocol });
    connection.session = session;
  }

  /** Schedules the expiry of a connection registered with {@link open}. */
  startExpiry(connectionId: string): void {
    const entry = this.#entries.get(connectionId);
    const session = entry?.connection.session;
    if (entry !== undefined && session !== undefined) this.#expiry.schedule(connectionId, this.#closesAt(session));
  }

  /** Fixes the protocol of a connection that authenticated at the upgrade, once its first message arrives. */
  setProtocol(connectionId: string, protocol: MessageProtocol): void {
    const entry = this.#entries.get(connectionId);
    if (entry !== undefined) entry.protocol = protocol;
  }

  /** Returns the protocol a connection speaks, once known. */
  protocolOf(connectionId: string): MessageProtocol | undefined {
    return this.#entries.get(connectionId)?.protocol;
  }

  /** Replaces the session of a connection after a refresh and moves its expiry. */
  refresh(connection: Connection<Session>, session: Session): void {
    const entry = this.#entries.get(connection.id);
    if (entry === undefined || !this.#options.registry.replace(session)) return;
    connection.session = session;
    this.#expiry.schedule(connection.id, this.#closesAt(session));
  }

  /** Ends a session by the client's request. */
  logout(connection: Connection<Session>): void {
    const session = connection.session;
    if (session !== undefined) events.logSessionEnded(connection.log, session, 'logout');
    this.forget(connection.id);
    connection.end('Logged out');
  }

  /** Drops a closed connection's session and its expiry. */
  forget(connectionId: string): void {
    this.#expiry.cancel(connectionId);
    this.#entries.delete(connectionId);
    this.#options.registry.remove(connectionId);
  }

  /**
   * Records a revocation; subscribers, this one included, close matching sessions.
   *
   * @throws {UnavailableError} `ERR_AUTH_REVOCATION_STORE_FULL` from the store.
   */
  async revoke(revocation: Revocation): Promise<number> {
    const matching = this.#options.registry.filter((session) => revocationMatches(revocation, session)).length;
    await this.#options.revocations.revoke(revocation);
    events.logRevoked(this.#options.logger, revocation, matching);
    return matching;
  }

  /** Stops the expiry timer and stops listening for revocations. */
  stop(): void {
    this.#unsubscribe();
    this.#expiry.stop();
  }

  #closesAt(session: Session): number {
    return (session.expiresAt + this.#options.clockToleranceSeconds) * 1000;
  }

  #warn(connectionId: string, expiresInMs: number): void {
    const entry = this.#entries.get(connectionId);
    if (entry?.protocol !== 'json') return;
    entry.connection.send(JSON.stringify({ type: 'auth.expiring', expiresIn: Math.ceil(expiresInMs / 1000) }));
  }

  #closeRevoked(revocation: Revocation): void {
    for (const session of this.#options.registry.filter((candidate) => revocationMatches(revocation, candidate))) {
      this.#end(session.id, 'revoked', createError('ERR_AUTH_TOKEN_REVOKED', `session revoked (${revocation.kind})`));
    }
  }

  #end(connectionId: string, cause: 'expired' | 'revoked' | 'evicted', error: Parameters<Connection['fail']>[0]): void {
    const entry = this.#entries.get(connectionId);
    const session = this.#options.registry.get(connectionId);
    this.forget(connectionId);
    if (entry === undefined) return;
    if (session !== undefined) events.logSessionEnded(entry.connection.log, session, cause);
    entry.connection.fail(error);
  }
}
