import { describe, expect, it } from 'vitest';
import {
  MAX_CHANNEL_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  MAX_USER_ID_LENGTH,
  channelName,
  email,
  isRequestId,
  requestId,
  userId,
} from './common-fields.js';

function issueCodes(result: { success: boolean; error?: { issues: { code: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.code) ?? [];
}

describe('email', () => {
  it('accepts an ordinary address', () => {
    expect(email().parse('ada@example.com')).toBe('ada@example.com');
  });

  it('accepts an address of exactly the maximum length', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(MAX_EMAIL_LENGTH - 64 - 1 - 4)}.com`;
    expect(address).toHaveLength(MAX_EMAIL_LENGTH);
    expect(email().safeParse(address).success).toBe(true);
  });

  it('rejects a long email-like string on length alone', () => {
    expect(issueCodes(email().safeParse(`${'a'.repeat(100_000)}@`))).toEqual(['too_big']);
    expect(issueCodes(email().safeParse(`${'a.'.repeat(50_000)}@example.com`))).toEqual(['too_big']);
  });

  it('rejects malformed addresses', () => {
    for (const text of ['', '@', 'a@', '@b.com', 'a b@c.com', 'a@b']) {
      expect(email().safeParse(text).success, text).toBe(false);
    }
  });
});

describe('userId', () => {
  it('accepts numeric ids, UUIDs and provider subjects', () => {
    for (const id of ['1', '3f2b8a9e-6c1d-4e0f-9a7b-2d4c6e8f0a1b', 'auth0|5f7c']) {
      expect(userId().parse(id)).toBe(id);
    }
  });

  it('rejects blanks, spaces, control characters and overlong ids', () => {
    expect(issueCodes(userId().safeParse(''))).toContain('too_small');
    expect(issueCodes(userId().safeParse('a b'))).toEqual(['invalid_format']);
    expect(issueCodes(userId().safeParse('a\u0000'))).toEqual(['invalid_format']);
    expect(issueCodes(userId().safeParse('a'.repeat(MAX_USER_ID_LENGTH + 1)))).toEqual(['too_big']);
  });
});

describe('channelName', () => {
  it('accepts dotted and slashed names', () => {
    expect(channelName().parse('rooms/lobby')).toBe('rooms/lobby');
    expect(channelName().parse('orders.eu:v2')).toBe('orders.eu:v2');
  });

  it('rejects names that start with punctuation or are too long', () => {
    expect(channelName().safeParse('/rooms').success).toBe(false);
    expect(channelName().safeParse('room with space').success).toBe(false);
    expect(issueCodes(channelName().safeParse('c'.repeat(MAX_CHANNEL_NAME_LENGTH + 1)))).toEqual(['too_big']);
  });
});

describe('requestId', () => {
  it('accepts a UUID and a counter', () => {
    expect(requestId().parse('42')).toBe('42');
    expect(isRequestId('3f2b8a9e-6c1d-4e0f-9a7b-2d4c6e8f0a1b')).toBe(true);
  });

  it('agrees with isRequestId on edge cases', () => {
    const cases = ['', 'a', 'a b', 'r'.repeat(MAX_REQUEST_ID_LENGTH), 'r'.repeat(MAX_REQUEST_ID_LENGTH + 1), 'é', '<x>'];
    for (const value of cases) {
      expect(isRequestId(value), value).toBe(requestId().safeParse(value).success);
    }
    expect(isRequestId(42)).toBe(false);
  });
});
