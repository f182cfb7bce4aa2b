import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExpiryTimer } from './expiry-timer.js';

describe('createExpiryTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns before expiry, then expires', () => {
    const events: string[] = [];
    const timer = createExpiryTimer({ warnBeforeMs: 3_000, onWarning: (ms) => events.push(`warn ${ms}`), onExpiry: () => events.push('expired') });
    timer.schedule(Date.now() + 10_000);
    vi.advanceTimersByTime(6_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn 3000']);
    vi.advanceTimersByTime(3_000);
    expect(events).toEqual(['warn 3000', 'expired']);
  });

  it('moves the expiry on reschedule', () => {
    const events: string[] = [];
    const timer = createExpiryTimer({ warnBeforeMs: 1_000, onWarning: () => events.push('warn'), onExpiry: () => events.push('expired') });
    timer.schedule(Date.now() + 2_000);
    vi.advanceTimersByTime(1_500);
    timer.schedule(Date.now() + 5_000);
    vi.advanceTimersByTime(3_000);
    expect(events).toEqual(['warn']);
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual(['warn', 'warn']);
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual(['warn', 'warn', 'expired']);
  });

  it('expires at once for a past time and stays quiet after cancel', () => {
    const onExpiry = vi.fn();
    const timer = createExpiryTimer({ warnBeforeMs: 0, onWarning: () => undefined, onExpiry });
    timer.schedule(Date.now() - 1);
    expect(onExpiry).toHaveBeenCalledTimes(1);
    timer.schedule(Date.now() + 1_000);
    timer.cancel();
    vi.advanceTimersByTime(2_000);
    expect(onExpiry).toHaveBeenCalledTimes(1);
  });

  it('stays cancelled when cancelled from its own warning', () => {
    const onExpiry = vi.fn();
    const timer = createExpiryTimer({ warnBeforeMs: 5_000, onWarning: () => timer.cancel(), onExpiry });
    timer.schedule(Date.now() + 1_000);
    vi.advanceTimersByTime(2_000);
    expect(onExpiry).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores schedule after cancel', () => {
    const onWarning = vi.fn();
    const onExpiry = vi.fn();
    const timer = createExpiryTimer({ warnBeforeMs: 500, onWarning, onExpiry });
    timer.cancel();
    timer.schedule(Date.now() + 1_000);
    vi.advanceTimersByTime(2_000);
    expect(onWarning).not.toHaveBeenCalled();
    expect(onExpiry).not.toHaveBeenCalled();
  });

  it('keeps one timer when its warning reschedules it', () => {
    const onExpiry = vi.fn();
    let refreshed = false;
    const timer = createExpiryTimer({
      warnBeforeMs: 500,
      onWarning: () => {
        if (refreshed) return;
        refreshed = true;
        timer.schedule(Date.now() + 10_000);
      },
      onExpiry,
    });
    timer.schedule(Date.now() + 1_000);
    vi.advanceTimersByTime(600);
    expect(refreshed).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(5_000);
    expect(onExpiry).not.toHaveBeenCalled();
  });
});
