import { describe, expect, it } from 'vitest';
import { serializeConnection } from './connection.js';

describe('serializeConnection', () => {
  it('keeps id, address and the session user id only', () => {
    const connection = { id: 'c1', remoteAddress: '::1', session: { userId: 'alice', claims: { token: 'claims-secret' } }, send: () => undefined };
    expect(serializeConnection(connection)).toEqual({ id: 'c1', remoteAddress: '::1', userId: 'alice' });
  });

  it('omits the user id before authentication', () => {
    expect(serializeConnection({ id: 'c2', remoteAddress: '::1', session: undefined })).toEqual({ id: 'c2', remoteAddress: '::1' });
  });

  it('tolerates a hostile value', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(serializeConnection(hostile)).toEqual({ id: 'unknown', remoteAddress: 'unknown' });
  });
});
