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
    return new CountedSlot(address, limits, this.#all, this.#unauthenticated);
  }
}

// A class rather than an object of closures, so each upgrade allocates one object for its slot.
class CountedSlot implements Slot {
  readonly #address: string;
  readonly #limits: SlotLimits;
  readonly #all: Counts;
  readonly #unauthenticated: Counts;
  #pending = false;
  #acquired = true;

  constructor(address: string, limits: SlotLimits, all: Counts, unauthenticated: Counts) {
    this.#address = address;
    this.#limits = limits;
    this.#all = all;
    this.#unauthenticated = unauthenticated;
  }

  holdUnauthenticated(): SlotRejection | undefined {
    if (this.#pending || !this.#acquired) return undefined;
    if (this.#unauthenticated.total >= this.#limits.maxUnauthenticatedConnections) return 'ERR_SERVER_OVERLOADED';
    if (this.#unauthenticated.of(this.#address) >= this.#limits.maxUnauthenticatedPerAddress) return 'ERR_RATE_CONNECTIONS';
    this.#pending = true;
    this.#unauthenticated.add(this.#address, 1);
    return undefined;
  }

  authenticate(): void {
    this.#leavePool();
  }

  release(): void {
    if (!this.#acquired) return;
    this.#acquired = false;
    this.#leavePool();
    this.#all.add(this.#address, -1);
  }

  #leavePool(): void {
    if (!this.#pending) return;
    this.#pending = false;
    this.#unauthenticated.add(this.#address, -1);
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
