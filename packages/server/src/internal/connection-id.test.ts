import { describe, expect, it } from 'vitest';
import { newConnectionId } from './connection-id.js';

describe('newConnectionId', () => {
  it('returns a lowercase UUID v4', () => {
    expect(newConnectionId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('returns a new id on each call', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => newConnectionId()));

    expect(ids.size).toBe(1_000);
  });
});
