/** Connection caps, counting open connections and upgrades still in progress. */
export interface SlotLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  maxUnauthenticatedConnections: number;
  maxUnauthenticatedPerAddress: number;
}

/** One connection's place under the caps; every method is idempotent. */
export interface Slot {
  /**
   * Counts the connection in the unauthenticated pool, or returns the error
   * code of the pool cap that is full. Called only for a connection that did
   * not authenticate at the upgrade.
   */
  holdUnauthenticated(): SlotRejection | undefined;
  /** Moves the connection out of the unauthenticated pool. */
  authenticate(): void;
  /** Frees the slot when the upgrade fails or the connection closes. */
  release(): void;
}

/** Why a slot was rejected: a global cap (503) or a per-address cap (429). */
export type SlotRejection = 'ERR_SERVER_OVERLOADED' | 'ERR_RATE_CONNECTIONS';

/**
 * Counts connections per address and in total, with a separate pool for
 * unauthenticated ones. The pool is entered in a second step, after the
 * authentication hook, so a crowd of silent sockets cannot keep out a client
 * that presents a valid token at the upgrade.
 */
export class ConnectionSlots {
  readonly #limits: SlotLimits;
  readonly #all = new Counts();
  readonly #unauthenticated = new Counts();

  constructor(limits: SlotLimits) {
    this.#limits = limits;
  }

  /** Takes a slot under the global and per-address caps, or returns the error code of the cap that is full. */
  acquire(address: string): Slot | SlotRejection {
    const limits = this.#limits;
    if (this.#all.total >= limits.maxConnections) return 'ERR_SERVER_OVERLOADED';
    if (this.#all.of(address) >= limits.maxConnectionsPerAddress) return 'ERR_RATE_CONNECTIONS';
    this.#all.add(address, 1);

    let pending = false;
    let acquired = true;
    const leavePool = (): void => {
      if (!pending) return;
      pending = false;
      this.#unauthenticated.add(address, -1);
    };
    return {
      holdUnauthenticated: () => {
        if (pending || !acquired) return undefined;
        if (this.#unauthenticated.total >= limits.maxUnauthenticatedConnections) return 'ERR_SERVER_OVERLOADED';
        if (this.#unauthenticated.of(address) >= limits.maxUnauthenticatedPerAddress) return 'ERR_RATE_CONNECTIONS';
        pending = true;
        this.#unauthenticated.add(address, 1);
        return undefined;
      },
      authenticate: leavePool,
      release: () => {
        if (!acquired) return;
        acquired = false;
        leavePool();
        this.#all.add(address, -1);
      },
    };
  }
}

class Counts {
  total = 0;
  readonly #byAddress = new Map<string, number>();

  of(address: string): number {
    return this.#byAddress.get(address) ?? 0;
  }

  add(address: string, delta: number): void {
    this.total += delta;
    const next = this.of(address) + delta;
    if (next <= 0) this.#byAddress.delete(address);
    else this.#byAddress.set(address, next);
  }
}
