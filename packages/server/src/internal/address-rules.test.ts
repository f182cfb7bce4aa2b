import { describe, expect, it } from 'vitest';
import { compileAddressRules } from './address-rules.js';

describe('compileAddressRules', () => {
  it('allows any valid address when both lists are empty', () => {
    const rules = compileAddressRules([], []);
    expect(rules.isAllowed('127.0.0.1')).toBe(true);
    expect(rules.isAllowed('2001:db8::1')).toBe(true);
  });

  it('never allows an address that cannot be parsed', () => {
    const rules = compileAddressRules([], []);
    expect(rules.isAllowed('')).toBe(false);
    expect(rules.isAllowed('not-an-address')).toBe(false);
    expect(rules.isAllowed('999.1.1.1')).toBe(false);
  });

  it('rejects a denied address and allows the others', () => {
    const rules = compileAddressRules([], ['203.0.113.0/24', '2001:db8::/32']);
    expect(rules.isAllowed('203.0.113.7')).toBe(false);
    expect(rules.isAllowed('2001:db8::5')).toBe(false);
    expect(rules.isAllowed('198.51.100.7')).toBe(true);
  });

  it('allows only listed addresses when the allow list is set', () => {
    const rules = compileAddressRules(['10.0.0.0/8', '192.0.2.1'], []);
    expect(rules.isAllowed('10.1.2.3')).toBe(true);
    expect(rules.isAllowed('192.0.2.1')).toBe(true);
    expect(rules.isAllowed('192.0.2.2')).toBe(false);
    expect(rules.isAllowed('::1')).toBe(false);
  });

  it('lets the deny list win over the allow list', () => {
    const rules = compileAddressRules(['10.0.0.0/8'], ['10.9.0.0/16']);
    expect(rules.isAllowed('10.9.1.1')).toBe(false);
    expect(rules.isAllowed('10.8.1.1')).toBe(true);
  });

  it('rejects an entry that is not an address or range', () => {
    expect(() => compileAddressRules(['10.0.0.0/33'], [])).toThrow(TypeError);
    expect(() => compileAddressRules([], ['example.com'])).toThrow(TypeError);
  });
});
