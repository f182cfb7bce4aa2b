import type { IncomingMessage } from 'node:http';
import { type ProjError, createError, toProjError } from '@proj/errors';
import type { AuthenticateUpgrade, UpgradeContext } from '../handler.js';
import { isPromiseLike } from './is-promise-like.js';

/** Receives the outcome of {@link runUpgradeHook}: a session or undefined, or else the error that rejects the upgrade. */
export type UpgradeHookCallback<Session> = (session: Session | undefined, error: ProjError | undefined) => void;

/**
 * Runs the authentication hook and calls `done` exactly once. A hook that
 * returns without a promise is answered synchronously, with no timer or
 * promise allocated. A promise gets `timeoutMs` to settle, after which the
 * upgrade fails with `ERR_TIMEOUT_HANDSHAKE` and a late result is ignored.
 * Anything thrown that is not a toolkit error becomes `ERR_INTERNAL`.
 */
export function runUpgradeHook<Session>(
  hook: AuthenticateUpgrade<Session>,
  request: IncomingMessage,
  context: UpgradeContext,
  timeoutMs: number,
  done: UpgradeHookCallback<Session>,
): void {
  let result: Session | undefined | Promise<Session | undefined>;
  try {
    result = hook(request, context);
  } catch (err) {
    done(undefined, toProjError(err));
    return;
  }
  if (!isPromiseLike(result)) {
    done(result, undefined);
    return;
  }

  let settled = false;
  const timer = setTimeout(() => {
    settled = true;
    done(undefined, createError('ERR_TIMEOUT_HANDSHAKE', 'authentication hook timed out'));
  }, timeoutMs);
  result.then(
    (session) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(session, undefined);
    },
    (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(undefined, toProjError(err));
    },
  );
}
