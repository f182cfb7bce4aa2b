import { parseMetrics, sumMetric } from '@proj/testkit';
import { describe, expect, it } from 'vitest';
import { createServerMetrics } from './metrics.js';

describe('createServerMetrics', () => {
  it('reports each labelled count at scrape time', async () => {
    const metrics = createServerMetrics(() => 0);
    metrics.upgrade('accepted');
    metrics.upgrade('accepted');
    metrics.upgrade('ERR_ACCESS_ORIGIN_FORBIDDEN');
    metrics.auth('authenticated');
    metrics.error('ERR_RATE_LIMITED');
    metrics.rateLimited('address');
    const samples = parseMetrics(await metrics.registry.metrics());
    expect(sumMetric(samples, 'ws_upgrades_total', { outcome: 'accepted' })).toBe(2);
    expect(sumMetric(samples, 'ws_upgrades_total', { outcome: 'ERR_ACCESS_ORIGIN_FORBIDDEN' })).toBe(1);
    expect(sumMetric(samples, 'ws_auth_total', { outcome: 'authenticated' })).toBe(1);
    expect(sumMetric(samples, 'ws_errors_total', { code: 'ERR_RATE_LIMITED' })).toBe(1);
    expect(sumMetric(samples, 'ws_rate_limited_total', { scope: 'address' })).toBe(1);
  });

  it('keeps counting across scrapes', async () => {
    const metrics = createServerMetrics(() => 0);
    metrics.upgrade('accepted');
    await metrics.registry.metrics();
    metrics.upgrade('accepted');
    const samples = parseMetrics(await metrics.registry.metrics());
    expect(sumMetric(samples, 'ws_upgrades_total', { outcome: 'accepted' })).toBe(2);
  });

  it('counts close codes outside the known list as other', async () => {
    const metrics = createServerMetrics(() => 0);
    metrics.close(1000);
    metrics.close(1005);
    metrics.close(4999);
    metrics.close(3001);
    const samples = parseMetrics(await metrics.registry.metrics());
    expect(sumMetric(samples, 'ws_closes_total', { code: '1000' })).toBe(1);
    expect(sumMetric(samples, 'ws_closes_total', { code: '1005' })).toBe(1);
    expect(sumMetric(samples, 'ws_closes_total', { code: 'other' })).toBe(2);
  });
});
