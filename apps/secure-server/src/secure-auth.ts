import { APP_SUBPROTOCOL, MemoryRevocationStore, type Session, SessionRegistry, createTokenVerifier } from '@proj/auth';
import type { Logger } from '@proj/logger';
import type { AuthenticateUpgrade, ConnectionHandler } from '@proj/server';
import { type AdminServer, createAdminServer } from './admin-server.js';
import type { AuthConfig } from './auth-config.js';
import { Authenticator } from './authenticator.js';
import { createSecureHandler } from './handler.js';
import { LiveSessions } from './live-sessions.js';
import type { QueueLimit } from './message-queue.js';
import { createUpgradeAuthentication, selectProtocol } from './upgrade-auth.js';

/** Everything `main.ts` wires into `createServer` for authentication. */
export interface SecureAuth {
  readonly handler: ConnectionHandler<Session>;
  readonly authenticateUpgrade: AuthenticateUpgrade<Session>;
  readonly selectProtocol: (offered: ReadonlySet<string>) => string | undefined;
  /** Subprotocols the server may select; never a token entry. */
  readonly subprotocols: readonly string[];
  /** Starts the admin endpoint when configured. */
  start(): Promise<void>;
  /** Stops the admin endpoint and the session timers. */
  stop(): Promise<void>;
}

/**
 * Builds the secure server's authentication: the verifier, the session
 * registry, the in-memory revocation store, the connection handler, the
 * upgrade hook and the optional admin endpoint. `queueLimit` bounds the
 * messages that wait while authentication or a refresh is in flight.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for inconsistent settings.
 */
export function createSecureAuth(config: AuthConfig, logger: Logger, queueLimit: QueueLimit): SecureAuth {
  const revocations = new MemoryRevocationStore({ maxEntries: config.revocationMaxEntries });
  const verifier = createTokenVerifier({
    keys: config.keys,
    algorithms: config.algorithms,
    clockToleranceSeconds: config.clockToleranceSeconds,
    revocations,
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: config.audience }),
    ...(config.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: config.maxAgeSeconds }),
    ...(config.typ === undefined ? {} : { typ: config.typ }),
  });
  const authenticator = new Authenticator(verifier);
  const sessions = new LiveSessions({
    registry: new SessionRegistry({ maxSessionsPerUser: config.maxSessionsPerUser, limitPolicy: config.sessionLimitPolicy }),
    revocations,
    expiryWarningMs: config.expiryWarningMs,
    clockToleranceSeconds: config.clockToleranceSeconds,
    logger,
  });
  let admin: AdminServer | undefined;
  if (config.admin !== undefined) {
    admin = createAdminServer({ ...config.admin, sessions, retentionSeconds: config.revocationRetentionSeconds, logger });
  }

  return {
    handler: createSecureHandler({ authenticator, sessions, authTimeoutMs: config.authTimeoutMs, queueLimit }),
    authenticateUpgrade: createUpgradeAuthentication({
      authenticator,
      sessions,
      logger,
      maxSessionsPerUser: config.maxSessionsPerUser,
      sessionLimitPolicy: config.sessionLimitPolicy,
      dangerouslyAllowQueryToken: config.dangerouslyAllowQueryToken,
    }),
    selectProtocol,
    subprotocols: [APP_SUBPROTOCOL],
    async start() {
      await admin?.listen();
    },
    async stop() {
      sessions.stop();
      await admin?.close();
    },
  };
}
