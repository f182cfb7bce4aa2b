import { describe, expect, it } from 'vitest';
import { SessionRegistry } from './registry.js';
import { type Session, createSession } from './session.js';

function session(id: string, userId: string, connectedAt: number): Session {
  return createSession({ id, remoteAddress: '127.0.0.1', connectedAt, token: { userId, expiresAt: 2_000_000_000, claims: { sub: userId } } });
}

describe('SessionRegistry', () => {
  it('looks sessions up by user, oldest first', () => {
    const registry = new SessionRegistry();
    registry.add(session('b', 'alice', 2));
    registry.add(session('a', 'alice', 1));
    registry.add(session('c', 'bob', 3));
    expect(registry.byUser('alice').map((s) => s.id)).toEqual(['a', 'b']);
    expect(registry.size).toBe(3);
    expect(registry.remove('a')).toBe(true);
    expect(registry.byUser('alice').map((s) => s.id)).toEqual(['b']);
  });

  it('tracks a user from one session to two and back', () => {
    const registry = new SessionRegistry({ maxSessionsPerUser: 2 });
    registry.add(session('1', 'alice', 1));
    registry.add(session('2', 'alice', 2));
    expect(registry.remove('1')).toBe(true);
    expect(registry.byUser('alice').map((s) => s.id)).toEqual(['2']);
    expect(registry.remove('2')).toBe(true);
    expect(registry.byUser('alice')).toEqual([]);
    expect(registry.remove('2')).toBe(false);

    registry.add(session('3', 'alice', 3));
    registry.add(session('4', 'alice', 4));
    expect(() => registry.add(session('5', 'alice', 5))).toThrow(expect.objectContaining({ code: 'ERR_AUTH_SESSION_LIMIT' }));
    expect(registry.byUser('alice').map((s) => s.id)).toEqual(['3', '4']);
  });

  it('rejects a session over the cap', () => {
    const registry = new SessionRegistry({ maxSessionsPerUser: 2 });
    registry.add(session('1', 'alice', 1));
    registry.add(session('2', 'alice', 2));
    expect(() => registry.add(session('3', 'alice', 3))).toThrow(expect.objectContaining({ code: 'ERR_AUTH_SESSION_LIMIT' }));
    expect(registry.get('3')).toBeUndefined();
    expect(registry.add(session('4', 'bob', 4)).evicted).toEqual([]);
  });

  it('evicts the oldest session under close-oldest', () => {
    const registry = new SessionRegistry({ maxSessionsPerUser: 2, limitPolicy: 'close-oldest' });
    registry.add(session('1', 'alice', 1));
    registry.add(session('2', 'alice', 2));
    const { evicted } = registry.add(session('3', 'alice', 3));
    expect(evicted.map((s) => s.id)).toEqual(['1']);
    expect(registry.byUser('alice').map((s) => s.id)).toEqual(['2', '3']);
  });

  it('replaces a session only for the same user', () => {
    const registry = new SessionRegistry();
    registry.add(session('1', 'alice', 1));
    expect(registry.replace(session('1', 'mallory', 1))).toBe(false);
    expect(registry.replace({ ...session('1', 'alice', 1), expiresAt: 2_100_000_000 })).toBe(true);
    expect(registry.get('1')?.expiresAt).toBe(2_100_000_000);
  });

  it('refuses a cap below one', () => {
    expect(() => new SessionRegistry({ maxSessionsPerUser: 0 })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});
