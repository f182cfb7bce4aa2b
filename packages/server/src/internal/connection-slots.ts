/** Connection caps, counting open connections and upgrades still in progress. */
export interface SlotLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  maxUnauthenticatedConnections: number;
  maxUnauthenticatedPerAddress: number;
}

/** One connection's place under the caps; both methods are idempotent. */
export interface Slot {
  /** Moves the connection out of the unauthenticated pool. */
  authenticate(): void;
  /** Frees the slot when the upgrade fails or the connection closes. */
  release(): void;
}

/** Why a slot was rejected: the global cap (503) or a per-address cap (429). */
export type SlotRejection = 'ERR_SERVER_OVERLOADED' | 'ERR_RATE_CONNECTIONS';

/** Counts connections per address and in total, with a separate pool for unauthenticated ones. */
export class ConnectionSlots {
  readonly #limits: SlotLimits;
  readonly #all = new Counts();
  readonly #unauthenticated = new Counts();

  constructor(limits: SlotLimits) {
    this.#limits = limits;
  }

  /** Takes a slot for an address, or returns the error code of the cap that is full. */
  acquire(address: string, unauthenticated: boolean): Slot | SlotRejection {
    const limits = this.#limits;
    if (this.#all.total >= limits.maxConnections) return 'ERR_SERVER_OVERLOADED';
    if (this.#all.of(address) >= limits.maxConnectionsPerAddress) return 'ERR_RATE_CONNECTIONS';
    if (unauthenticated) {
      if (this.#unauthenticated.total >= limits.maxUnauthenticatedConnections) return 'ERR_SERVER_OVERLOADED';
      if (this.#unauthenticated.of(address) >= limits.maxUnauthenticatedPerAddress) return 'ERR_RATE_CONNECTIONS';
      this.#unauthenticated.add(address, 1);
    }
    this.#all.add(address, 1);

    let pending = unauthenticated;
    let acquired = true;
    return {
      authenticate: () => {
        if (!pending) return;
        pending = false;
        this.#unauthenticated.add(address, -1);
      },
      release: () => {
        if (!acquired) return;
        acquired = false;
        if (pending) this.#unauthenticated.add(address, -1);
        pending = false;
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
