import { describe, expect, it, vi } from 'vitest';
import { bindUserId, connectionLogger } from './connection-logger.js';
import { createLogger } from './create-logger.js';
import { createSink } from './ndjson-sink.test-support.js';

function setup() {
  const sink = createSink();
  const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
  return { sink, log: connectionLogger(logger, { connectionId: 'c-1', remoteAddress: '203.0.113.9' }) };
}

describe('connectionLogger', () => {
  it('binds the connection id and remote address', () => {
    const { sink, log } = setup();
    log.info('opened');
    expect(sink.lines()[0]).toMatchObject({ connectionId: 'c-1', remoteAddress: '203.0.113.9', msg: 'opened' });
  });

  it('adds the user id once authenticated', () => {
    const { sink, log } = setup();
    log.info('before');
    expect(bindUserId(log, 'alice')).toBe(true);
    log.info('after');
    const [before, after] = sink.lines();
    expect(before).not.toHaveProperty('userId');
    expect(after).toMatchObject({ connectionId: 'c-1', userId: 'alice' });
  });

  it('binds the user id only once', () => {
    const { sink, log } = setup();
    bindUserId(log, 'alice');
    expect(bindUserId(log, 'mallory')).toBe(false);
    log.info('line');
    expect(sink.text().match(/"userId"/g)).toHaveLength(1);
    expect(sink.lines()[0]?.['userId']).toBe('alice');
  });

  it('truncates an oversized remote address', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
    connectionLogger(logger, { connectionId: 'c-3', remoteAddress: 'a'.repeat(500) }).info('line');
    expect(String(sink.lines()[0]?.['remoteAddress'])).toBe(`${'a'.repeat(64)}…[500 chars]`);
  });

  it('truncates an oversized user id', () => {
    const { sink, log } = setup();
    bindUserId(log, 'u'.repeat(5_000));
    log.info('line');
    expect(String(sink.lines()[0]?.['userId']).length).toBeLessThan(300);
  });

  it('creates no pino child for disabled levels', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
    const child = vi.spyOn(logger, 'child');
    const log = connectionLogger(logger, { connectionId: 'c-2', remoteAddress: '203.0.113.9' });
    log.debug('not written');
    expect(child).not.toHaveBeenCalled();
    log.info('written');
    expect(child).toHaveBeenCalledTimes(1);
    expect(sink.lines()).toHaveLength(1);
  });

  it('keeps a user id bound before the first line', () => {
    const { sink, log } = setup();
    bindUserId(log, 'bob');
    log.warn('first');
    log.warn('second');
    expect(sink.lines()[0]).toMatchObject({ connectionId: 'c-1', userId: 'bob', msg: 'first' });
    expect(sink.lines()[1]).toMatchObject({ userId: 'bob', msg: 'second' });
  });
});
