import { describe, expect, it } from 'vitest';
import { readUpgradeCredential } from './upgrade-credential.js';

const token = 'aaa.bbb.ccc';

describe('readUpgradeCredential', () => {
  it('reads a Bearer token from Authorization', () => {
    expect(readUpgradeCredential({ headers: { authorization: `Bearer ${token}` } })).toEqual({ token, source: 'authorization-header' });
    expect(readUpgradeCredential({ headers: { authorization: `bearer ${token}` } })?.token).toBe(token);
  });

  it('reads a token from a subprotocol entry', () => {
    const headers = { 'sec-websocket-protocol': `proj.v1, proj.token.${token}` };
    expect(readUpgradeCredential({ headers })).toEqual({ token, source: 'subprotocol' });
  });

  it('returns undefined without credentials', () => {
    expect(readUpgradeCredential({ url: '/?room=1', headers: { 'sec-websocket-protocol': 'proj.v1' } })).toBeUndefined();
  });

  it('rejects a query token unless allowed', () => {
    const request = { url: `/?access_token=${token}`, headers: {} };
    expect(() => readUpgradeCredential(request)).toThrow(
      expect.objectContaining({ code: 'ERR_AUTH_TOKEN_MALFORMED', message: 'a token in the query string is not accepted (access_token)' }),
    );
    expect(readUpgradeCredential(request, { dangerouslyAllowQueryToken: true })).toEqual({ token, source: 'query' });
  });

  it('rejects an Authorization scheme other than Bearer', () => {
    expect(() => readUpgradeCredential({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })).toThrow(
      expect.objectContaining({ code: 'ERR_AUTH_TOKEN_MALFORMED' }),
    );
  });

  it('rejects two credentials at once', () => {
    const headers = { authorization: `Bearer ${token}`, 'sec-websocket-protocol': `proj.v1, proj.token.${token}` };
    expect(() => readUpgradeCredential({ headers })).toThrow('more than one credential in the upgrade request');
  });

  it('rejects an empty subprotocol token', () => {
    expect(() => readUpgradeCredential({ headers: { 'sec-websocket-protocol': 'proj.v1, proj.token.' } })).toThrow(
      expect.objectContaining({ code: 'ERR_AUTH_TOKEN_MISSING' }),
    );
  });
});
