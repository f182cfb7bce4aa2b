import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Credential, type Session, readUpgradeCredential, selectSubprotocol } from '@proj/auth';
import { createError, toProjError } from '@proj/errors';
import { type Logger, lazyChildLogger, untrusted } from '@proj/logger';
import type { AuthenticateUpgrade, UpgradeContext } from '@proj/server';
import * as events from './auth-events.js';
import { type Authenticator, toClientAuthError } from './authenticator.js';
import type { LiveSessions } from './live-sessions.js';

/** Options for {@link createUpgradeAuthentication}. */
export interface UpgradeAuthenticationOptions {
  authenticator: Authenticator;
  sessions: LiveSessions;
  logger: Logger;
  maxSessionsPerUser: number;
  sessionLimitPolicy: 'reject' | 'close-oldest';
  dangerouslyAllowQueryToken: boolean;
}

/**
 * Builds the upgrade hook. A token in `Authorization`, in a `proj.token.`
 * subprotocol entry or, when allowed, in the query string is verified before
 * the 101 response, so a bad token gets 401 or 403 and no WebSocket. A request
 * without a token passes through to first-message authentication.
 */
export function createUpgradeAuthentication(options: UpgradeAuthenticationOptions): AuthenticateUpgrade<Session> {
  // Not async: a request without a token returns at once, so the server runs no timer or promise for it.
  return (request: IncomingMessage, context: UpgradeContext): Session | undefined | Promise<Session> => {
    let credential: Credential | undefined;
    try {
      credential = readUpgradeCredential(request, { dangerouslyAllowQueryToken: options.dangerouslyAllowQueryToken });
    } catch (err) {
      const error = toProjError(err);
      events.logAuthenticationFailed(upgradeLogger(options.logger, context), error, 'authorization-header');
      throw toClientAuthError(error);
    }
    if (credential === undefined) return undefined;
    return authenticateCredential(options, credential, context);
  };
}

async function authenticateCredential(
  options: UpgradeAuthenticationOptions,
  credential: Credential,
  context: UpgradeContext,
): Promise<Session> {
  const log = upgradeLogger(options.logger, context);
  let session: Session;
  try {
    session = await options.authenticator.authenticate({
      token: credential.token,
      source: credential.source,
      sessionId: randomUUID(),
      remoteAddress: context.remoteAddress,
      log,
    });
  } catch (err) {
    throw toClientAuthError(toProjError(err));
  }
  // Under the reject policy a user at the cap gets 429 here rather than a 101 followed by a close.
  if (options.sessionLimitPolicy === 'reject' && options.sessions.registry.byUser(session.userId).length >= options.maxSessionsPerUser) {
    const error = createError('ERR_AUTH_SESSION_LIMIT', `user has reached the maximum of ${options.maxSessionsPerUser} sessions`);
    events.logAuthenticationFailed(log, error, credential.source);
    throw error;
  }
  events.logAuthenticated(log, session, credential.source);
  return session;
}

// Lazy, because a successful upgrade logs only at debug, which the default level info leaves off.
function upgradeLogger(logger: Logger, context: UpgradeContext): Logger {
  return lazyChildLogger(logger, { remoteAddress: untrusted(context.remoteAddress, 64) });
}

/**
 * Chooses the subprotocol to select: the application protocol when offered,
 * never a token entry.
 */
export function selectProtocol(offered: ReadonlySet<string>): string | undefined {
  return selectSubprotocol(offered);
}
