import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExpiryScheduler } from './expiry-scheduler.js';

function recorder(warnBeforeMs: number) {
  const events: string[] = [];
  const scheduler = createExpiryScheduler<string>({
    warnBeforeMs,
    onWarning: (key, ms) => events.push(`warn ${key} ${ms}`),
    onExpiry: (key) => events.push(`expired ${key}`),
  });
  return { events, scheduler };
}

describe('createExpiryScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns before expiry, then expires', () => {
    const { events, scheduler } = recorder(3_000);
    scheduler.schedule('a', Date.now() + 10_000);

    vi.advanceTimersByTime(6_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn a 3000']);
    vi.advanceTimersByTime(3_000);
    expect(events).toEqual(['warn a 3000', 'expired a']);
    expect(scheduler.size).toBe(0);
  });

  it('keeps one timer for many keys', () => {
    const { events, scheduler } = recorder(0);
    for (let i = 0; i < 100; i += 1) scheduler.schedule(`k${i}`, Date.now() + 1_000 + ((i * 37) % 100) * 10);

    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(events).toHaveLength(100);
    const order = events.map((event) => Number(event.slice('expired k'.length)));
    const due = order.map((i) => (i * 37) % 100);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('moves the expiry on reschedule', () => {
    const { events, scheduler } = recorder(1_000);
    scheduler.schedule('a', Date.now() + 2_000);
    vi.advanceTimersByTime(1_500);
    scheduler.schedule('a', Date.now() + 5_000);

    vi.advanceTimersByTime(3_000);
    expect(events).toEqual(['warn a 1000']);
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual(['warn a 1000', 'warn a 1000']);
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual(['warn a 1000', 'warn a 1000', 'expired a']);
  });

  it('fires once after many reschedules', () => {
    const { events, scheduler } = recorder(0);
    for (let i = 1; i <= 1_000; i += 1) scheduler.schedule('a', Date.now() + i);

    vi.advanceTimersByTime(999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['expired a']);
  });

  it('expires a past time at once', () => {
    const { events, scheduler } = recorder(1_000);
    scheduler.schedule('a', Date.now() - 1);

    expect(events).toEqual(['expired a']);
    expect(scheduler.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('warns at once inside the window', () => {
    const { events, scheduler } = recorder(5_000);
    scheduler.schedule('a', Date.now() + 2_000);

    expect(events).toEqual(['warn a 2000']);
    vi.advanceTimersByTime(2_000);
    expect(events).toEqual(['warn a 2000', 'expired a']);
  });

  it('stays quiet for a cancelled key', () => {
    const { events, scheduler } = recorder(500);
    scheduler.schedule('a', Date.now() + 1_000);
    scheduler.schedule('b', Date.now() + 1_000);
    scheduler.cancel('a');

    vi.advanceTimersByTime(2_000);
    expect(events).toEqual(['warn b 500', 'expired b']);
  });

  it('stays cancelled from its warning', () => {
    const onExpiry = vi.fn();
    const scheduler = createExpiryScheduler<string>({ warnBeforeMs: 5_000, onWarning: (key) => scheduler.cancel(key), onExpiry });
    scheduler.schedule('a', Date.now() + 10_000);

    vi.advanceTimersByTime(20_000);
    expect(onExpiry).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms past the setTimeout limit', () => {
    const { events, scheduler } = recorder(0);
    scheduler.schedule('a', Date.now() + 2 ** 31 + 10_000);

    vi.advanceTimersByTime(2 ** 31);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['expired a']);
  });

  it('ignores schedule after stop', () => {
    const { events, scheduler } = recorder(0);
    scheduler.schedule('a', Date.now() + 1_000);
    scheduler.stop();
    scheduler.schedule('b', Date.now() + 1_000);

    vi.advanceTimersByTime(2_000);
    expect(events).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
