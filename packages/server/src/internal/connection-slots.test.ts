import { describe, expect, it } from 'vitest';
import { ConnectionSlots, type Slot } from './connection-slots.js';

const limits = { maxConnections: 3, maxConnectionsPerAddress: 2, maxUnauthenticatedConnections: 2, maxUnauthenticatedPerAddress: 1 };

function take(slots: ConnectionSlots, address: string): Slot {
  const slot = slots.acquire(address);
  if (typeof slot === 'string') throw new Error(`expected a slot, got ${slot}`);
  return slot;
}

describe('ConnectionSlots', () => {
  it('rejects past the per-address cap, then past the global cap', () => {
    const slots = new ConnectionSlots(limits);
    take(slots, '192.0.2.1');
    take(slots, '192.0.2.1');
    expect(slots.acquire('192.0.2.1')).toBe('ERR_RATE_CONNECTIONS');
    take(slots, '192.0.2.2');
    expect(slots.acquire('192.0.2.3')).toBe('ERR_SERVER_OVERLOADED');
  });

  it('frees a place once on release, however often it is called', () => {
    const slots = new ConnectionSlots(limits);
    const first = take(slots, '192.0.2.1');
    take(slots, '192.0.2.1');
    first.release();
    first.release();
    take(slots, '192.0.2.1');
    expect(slots.acquire('192.0.2.1')).toBe('ERR_RATE_CONNECTIONS');
  });

  it('caps the unauthenticated pool per address and leaves it on authentication', () => {
    const slots = new ConnectionSlots(limits);
    const first = take(slots, '192.0.2.1');
    const second = take(slots, '192.0.2.1');
    expect(first.holdUnauthenticated()).toBeUndefined();
    expect(second.holdUnauthenticated()).toBe('ERR_RATE_CONNECTIONS');
    first.authenticate();
    expect(second.holdUnauthenticated()).toBeUndefined();
  });

  it('caps the unauthenticated pool in total', () => {
    const slots = new ConnectionSlots({ ...limits, maxConnectionsPerAddress: 3 });
    expect(take(slots, '192.0.2.1').holdUnauthenticated()).toBeUndefined();
    expect(take(slots, '192.0.2.2').holdUnauthenticated()).toBeUndefined();
    expect(take(slots, '192.0.2.3').holdUnauthenticated()).toBe('ERR_SERVER_OVERLOADED');
  });

  it('leaves the pool when a held slot is released', () => {
    const slots = new ConnectionSlots(limits);
    const first = take(slots, '192.0.2.1');
    expect(first.holdUnauthenticated()).toBeUndefined();
    first.release();
    expect(first.holdUnauthenticated()).toBeUndefined();
    expect(take(slots, '192.0.2.1').holdUnauthenticated()).toBeUndefined();
  });
});
