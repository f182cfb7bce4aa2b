import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './create-logger.js';
import { lazyChildLogger } from './lazy-child-logger.js';
import { createSink } from './ndjson-sink.test-support.js';

function setup() {
  const sink = createSink();
  const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
  return { sink, logger };
}

describe('lazyChildLogger', () => {
  it('binds its bindings to every line', () => {
    const { sink, logger } = setup();
    const log = lazyChildLogger(logger, { remoteAddress: '203.0.113.9' });
    log.info('first');
    log.warn('second');
    expect(sink.lines()).toMatchObject([
      { remoteAddress: '203.0.113.9', msg: 'first' },
      { remoteAddress: '203.0.113.9', msg: 'second' },
    ]);
  });

  it('creates no pino child for lines at disabled levels', () => {
    const { sink, logger } = setup();
    const child = vi.spyOn(logger, 'child');
    const log = lazyChildLogger(logger, { remoteAddress: '203.0.113.9' });
    log.debug('not written');
    log.trace('not written');
    expect(child).not.toHaveBeenCalled();
    log.info('written');
    expect(child).toHaveBeenCalledTimes(1);
    expect(sink.lines()).toHaveLength(1);
  });

  it('redacts a secret binding', () => {
    const { sink, logger } = setup();
    lazyChildLogger(logger, { token: 'secret-value' }).info('line');
    expect(sink.lines()[0]?.['token']).toBe('[redacted]');
    expect(sink.text()).not.toContain('secret-value');
  });

  it('keeps later changes to the bindings object out of the logger', () => {
    const { sink, logger } = setup();
    const bindings: Record<string, unknown> = { remoteAddress: '203.0.113.9' };
    const log = lazyChildLogger(logger, bindings);
    bindings['remoteAddress'] = '198.51.100.1';
    log.info('line');
    expect(sink.lines()[0]?.['remoteAddress']).toBe('203.0.113.9');
  });

  it('exposes no keys of its own', () => {
    const { logger } = setup();
    const log = lazyChildLogger(logger, { remoteAddress: '203.0.113.9' });
    expect(Object.keys(log)).toEqual([]);
    expect(JSON.stringify(log)).toBe('{}');
  });
});
