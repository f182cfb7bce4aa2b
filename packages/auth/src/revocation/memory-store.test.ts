import { describe, expect, it } from 'vitest';
import { MemoryRevocationStore } from './memory-store.js';
import type { Revocation } from './revocation.js';

const NOW = 1_893_456_000;

describe('MemoryRevocationStore', () => {
  it('matches each revocation kind', async () => {
    const store = new MemoryRevocationStore({ now: () => NOW });
    await store.revoke({ kind: 'token', tokenId: 'j1', expiresAt: NOW + 60 });
    await store.revoke({ kind: 'user', userId: 'mallory', expiresAt: NOW + 60 });
    await store.revoke({ kind: 'issued-before', userId: 'alice', before: NOW - 10, expiresAt: NOW + 60 });

    expect((await store.find({ userId: 'bob', tokenId: 'j1' }))?.kind).toBe('token');
    expect((await store.find({ userId: 'mallory', issuedAt: NOW }))?.kind).toBe('user');
    expect((await store.find({ userId: 'alice', issuedAt: NOW - 20 }))?.kind).toBe('issued-before');
    expect(await store.find({ userId: 'alice', issuedAt: NOW - 5 })).toBeUndefined();
    expect((await store.find({ userId: 'alice' }))?.kind).toBe('issued-before');
    expect(await store.find({ userId: 'bob', tokenId: 'j2' })).toBeUndefined();
  });

  it('forgets an entry once it expires', async () => {
    let now = NOW;
    const store = new MemoryRevocationStore({ now: () => now });
    await store.revoke({ kind: 'token', tokenId: 'j1', expiresAt: NOW + 60 });
    now = NOW + 60;
    expect(await store.find({ userId: 'bob', tokenId: 'j1' })).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('rejects a new entry when full of live entries', async () => {
    let now = NOW;
    const store = new MemoryRevocationStore({ maxEntries: 2, now: () => now });
    await store.revoke({ kind: 'token', tokenId: 'a', expiresAt: NOW + 10 });
    await store.revoke({ kind: 'token', tokenId: 'b', expiresAt: NOW + 100 });
    await expect(store.revoke({ kind: 'token', tokenId: 'c', expiresAt: NOW + 100 })).rejects.toMatchObject({ code: 'ERR_AUTH_REVOCATION_STORE_FULL' });
    now = NOW + 10;
    await store.revoke({ kind: 'token', tokenId: 'c', expiresAt: NOW + 100 });
    expect(store.size).toBe(2);
  });

  it('widens a repeated issued-before revocation', async () => {
    const store = new MemoryRevocationStore({ now: () => NOW });
    await store.revoke({ kind: 'issued-before', userId: 'alice', before: NOW - 10, expiresAt: NOW + 60 });
    await store.revoke({ kind: 'issued-before', userId: 'alice', before: NOW - 100, expiresAt: NOW + 30 });
    expect(await store.find({ userId: 'alice', issuedAt: NOW - 20 })).toEqual({ kind: 'issued-before', userId: 'alice', before: NOW - 10, expiresAt: NOW + 60 });
  });

  it('notifies subscribers until they unsubscribe', async () => {
    const store = new MemoryRevocationStore({ now: () => NOW });
    const seen: Revocation[] = [];
    const unsubscribe = store.subscribe((revocation) => seen.push(revocation));
    await store.revoke({ kind: 'user', userId: 'mallory', expiresAt: NOW + 60 });
    unsubscribe();
    await store.revoke({ kind: 'user', userId: 'eve', expiresAt: NOW + 60 });
    expect(seen).toEqual([{ kind: 'user', userId: 'mallory', expiresAt: NOW + 60 }]);
  });
});
