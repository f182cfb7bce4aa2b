import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ProjError, createError } from '@proj/errors';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ServerDeps } from '../handler.js';
import type { LogEvents } from '../log-events.js';
import type { ResolvedServerOptions } from '../options.js';
import { compileAddressRules } from './address-rules.js';
import { createClientAddressResolver } from './client-address.js';
import { ConnectionSlots, type Slot } from './connection-slots.js';
import type { ServerMetrics } from './metrics.js';
import { createOriginPolicy } from './origin-policy.js';
import { abortUpgrade, writeUpgradeRejection } from './reject-upgrade.js';
import { runUpgradeHook } from './upgrade-hook.js';

/** The result of an accepted upgrade, handed to the connection lifecycle. */
export interface AcceptedUpgrade<Session> {
  remoteAddress: string;
  session: Session | undefined;
  slot: Slot;
}

/** An upgrade that passed the checks before the authentication hook. */
interface PendingUpgrade {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  remoteAddress: string;
  slot: Slot;
  /** The socket's `close` listener that frees the slot until the connection's own listener takes over. */
  releaseSlot: () => void;
}

/** Collaborators of {@link createUpgradeGate}. */
export interface UpgradeGateContext<Session> {
  settings: ResolvedServerOptions;
  deps: ServerDeps<Session>;
  metrics: ServerMetrics;
  events: LogEvents;
  wss: WebSocketServer;
  isDraining(): boolean;
  accept(ws: WebSocket, upgrade: AcceptedUpgrade<Session>): void;
}

/**
 * Builds the `upgrade` listener. The checks run in a fixed order, cheapest and
 * least revealing first: draining, client address, address lists, global and
 * per-address connection caps, Origin and the authentication hook. Then a
 * connection the hook left without a session takes a place in the
 * unauthenticated pool, and the WebSocket handshake itself runs.
 *
 * @throws {TypeError} when an address list, a trusted proxy or an origin entry cannot be parsed.
 */
export function createUpgradeGate<Session>(context: UpgradeGateContext<Session>): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { settings, deps, metrics, events, wss } = context;
  const resolveAddress = createClientAddressResolver(settings.trustedProxies);
  const addressRules = compileAddressRules(settings.allowedAddresses, settings.deniedAddresses);
  const isOriginAllowed = createOriginPolicy(settings);
  const slots = new ConnectionSlots(settings);

  const reject = (socket: Duplex, error: ProjError, remoteAddress: string): void => {
    metrics.upgrade(error.code);
    events.upgradeRejected(error, remoteAddress);
    writeUpgradeRejection(socket, error);
  };

  // ws emits a malformed handshake here instead of rejecting it itself, so the rejection is counted and logged like the others.
  wss.on('wsClientError', (err, socket, req) => {
    const error = createError('ERR_PROTOCOL_BAD_HANDSHAKE', err.message, { cause: err });
    reject(socket, error, resolveAddress(req));
  });

  return (req, socket, head) => {
    // First of all: a reset while an async hook runs must not become an uncaught error.
    destroyOnError(socket);
    // A peer that reset before its upgrade was read leaves no address, because getpeername fails
    // on the reset socket. No check can run and no response can reach it, so it is no rejection.
    if (socket.destroyed || req.socket.remoteAddress === undefined) {
      abortUpgrade(socket, undefined, context);
      return;
    }
    if (context.isDraining()) {
      reject(socket, createError('ERR_SERVER_SHUTTING_DOWN'), req.socket.remoteAddress ?? 'unknown');
      return;
    }
    const remoteAddress = resolveAddress(req);
    if (!addressRules.isAllowed(remoteAddress)) {
      reject(socket, createError('ERR_ACCESS_ADDRESS_FORBIDDEN'), remoteAddress);
      return;
    }
    const slot = slots.acquire(remoteAddress);
    if (typeof slot === 'string') {
      reject(socket, createError(slot), remoteAddress);
      return;
    }
    // Until the upgrade completes, the socket's close event frees the slot on every path: rejection,
    // timeout or reset. From then on the connection's own close handler frees it.
    const releaseSlot = releaseOnClose(socket, slot);
    if (!isOriginAllowed(req.headers.origin)) {
      reject(socket, createError('ERR_ACCESS_ORIGIN_FORBIDDEN'), remoteAddress);
      return;
    }
    const pending: PendingUpgrade = { req, socket, head, remoteAddress, slot, releaseSlot };
    if (!deps.authenticateUpgrade) {
      admit(pending, undefined);
      return;
    }
    runUpgradeHook(deps.authenticateUpgrade, req, { remoteAddress }, settings.handshakeTimeoutMs, (session, error) => {
      if (socket.destroyed) {
        abortUpgrade(socket, remoteAddress, context);
        return;
      }
      if (error !== undefined) {
        metrics.auth(error.code);
        // Anything but a toolkit error arrives as ERR_INTERNAL: a 500, logged once at error level by reject().
        reject(socket, error, remoteAddress);
        return;
      }
      if (session !== undefined) metrics.auth('authenticated');
      admit(pending, session);
    });
  };

  function admit(pending: PendingUpgrade, session: Session | undefined): void {
    const { req, socket, head, remoteAddress, slot, releaseSlot } = pending;
    // Only a connection without a session from the hook takes a place in the unauthenticated pool.
    const poolFull = session === undefined && settings.requireAuthentication ? slot.holdUnauthenticated() : undefined;
    if (poolFull !== undefined) {
      reject(socket, createError(poolFull), remoteAddress);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // From here on the connection's close handler frees the slot, so the
      // socket's listener is removed and no open connection keeps it.
      socket.removeListener('close', releaseSlot);
      metrics.upgrade('accepted');
      context.accept(ws, { remoteAddress, session, slot });
    });
  }
}

// The socket's error listener lives as long as the connection, and its close
// listener until the upgrade completes. Registered from this scope, they
// capture at most the slot. V8 gives all closures of one scope a shared
// context, so inside the upgrade listener they would keep `req` and `head` alive too.
function destroyOnError(socket: Duplex): void {
  socket.on('error', destroySocket);
}

// Shared by every socket: EventEmitter calls a listener with the emitter as `this`.
function destroySocket(this: Duplex): void {
  this.destroy();
}

function releaseOnClose(socket: Duplex, slot: Slot): () => void {
  const release = (): void => slot.release();
  socket.on('close', release);
  return release;
}
