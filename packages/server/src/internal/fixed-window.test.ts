import { describe, expect, it } from 'vitest';
import { KeyedWindows, countMessage, emptyWindow } from './fixed-window.js';

const limit = { points: 2, windowMs: 1_000 };

describe('countMessage', () => {
  it('allows points messages per window, then reports over', () => {
    const window = emptyWindow();
    expect(countMessage(window, limit, 0)).toBe(false);
    expect(countMessage(window, limit, 10)).toBe(false);
    expect(countMessage(window, limit, 20)).toBe(true);
    expect(countMessage(window, limit, 999)).toBe(true);
  });

  it('starts a new window once the old one ends', () => {
    const window = emptyWindow();
    for (let i = 0; i < 3; i += 1) countMessage(window, limit, 500);
    expect(countMessage(window, limit, 1_500)).toBe(false);
    expect(window.count).toBe(1);
  });
});

describe('KeyedWindows', () => {
  it('counts each key on its own', () => {
    const windows = new KeyedWindows(limit, 10);
    windows.count('a', 0);
    windows.count('a', 0);
    expect(windows.count('a', 0)).toBe(true);
    expect(windows.count('b', 0)).toBe(false);
  });

  it('drops expired windows when a new key arrives', () => {
    const windows = new KeyedWindows(limit, 10);
    windows.count('a', 0);
    windows.count('b', 100);
    windows.count('c', 1_050);
    expect(windows.size).toBe(2);
  });

  it('keeps at most maxKeys keys', () => {
    const windows = new KeyedWindows(limit, 3);
    for (let i = 0; i < 100; i += 1) windows.count(`key-${i}`, i);
    expect(windows.size).toBe(3);
  });

  it('evicts the oldest live window first when full', () => {
    const windows = new KeyedWindows(limit, 2);
    windows.count('old', 0);
    windows.count('old', 0);
    windows.count('new', 10);
    windows.count('newer', 20);
    expect(windows.count('new', 30)).toBe(false);
    expect(windows.count('new', 30)).toBe(true);
    expect(windows.count('old', 40)).toBe(false);
  });
});
