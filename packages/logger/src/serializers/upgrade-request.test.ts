import { describe, expect, it } from 'vitest';
import { serializeUpgradeRequest } from './upgrade-request.js';

describe('serializeUpgradeRequest', () => {
  it('keeps method, path, address, origin and user agent only', () => {
    const req = {
      method: 'GET',
      url: '/ws?token=query-secret',
      socket: { remoteAddress: '127.0.0.1' },
      headers: {
        origin: 'https://app.example',
        'user-agent': 'probe/1.0',
        authorization: 'Bearer header-secret',
        cookie: 'sid=cookie-secret',
        'sec-websocket-protocol': 'bearer, protocol-secret',
      },
    };
    expect(serializeUpgradeRequest(req)).toEqual({
      method: 'GET',
      path: '/ws',
      remoteAddress: '127.0.0.1',
      origin: 'https://app.example',
      userAgent: 'probe/1.0',
    });
  });

  it('truncates a long user agent', () => {
    const serialized = serializeUpgradeRequest({ method: 'GET', url: '/', headers: { 'user-agent': 'u'.repeat(10_000) } });
    expect(serialized.userAgent?.length).toBeLessThan(250);
  });

  it('tolerates a missing or hostile request', () => {
    expect(serializeUpgradeRequest(undefined)).toEqual({ method: '', path: '', remoteAddress: 'unknown' });
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(serializeUpgradeRequest(hostile)).toEqual({ method: '', path: '', remoteAddress: 'unknown' });
  });
});
