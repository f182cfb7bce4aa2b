import { chmodSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { createSink } from './ndjson-sink.test-support.js';

function tempFile(name = 'errors.log'): string {
  return join(mkdtempSync(join(tmpdir(), 'logger-')), name);
}

function readLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createLogger', () => {
  it('binds service, version, pid and hostname with an ISO timestamp', () => {
    const sink = createSink();
    createLogger({ service: 'probe', version: '1.2.3', errorLogFile: false, destination: sink.stream }).info('hello');
    const [line] = sink.lines();
    expect(line).toMatchObject({ level: 'info', service: 'probe', version: '1.2.3', pid: process.pid, hostname: hostname(), msg: 'hello' });
    expect(line?.['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes one JSON object per line', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
    logger.info({ text: 'line\nbreak' }, 'first');
    logger.warn('second');
    expect(sink.text().split('\n')).toHaveLength(3);
    expect(sink.lines().map((line) => line['msg'])).toEqual(['first', 'second']);
  });

  it('drops lines below the configured level', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'probe', level: 'warn', errorLogFile: false, destination: sink.stream });
    logger.info('hidden');
    logger.warn('shown');
    expect(sink.lines().map((line) => line['msg'])).toEqual(['shown']);
  });

  it('copies error and fatal lines to the error log file only', () => {
    const file = tempFile();
    const sink = createSink();
    const logger = createLogger({ service: 'probe', errorLogFile: file, destination: sink.stream });
    logger.info('routine');
    logger.warn('suspicious');
    logger.error({ code: 'ERR_INTERNAL' }, 'broken');
    logger.fatal('crashed');
    expect(readLines(file).map((line) => [line['level'], line['msg']])).toEqual([
      ['error', 'broken'],
      ['fatal', 'crashed'],
    ]);
    expect(sink.lines()).toHaveLength(4);
  });

  it('still copies error lines to the file when stdout only wants fatal', () => {
    const file = tempFile();
    const sink = createSink();
    const logger = createLogger({ service: 'probe', level: 'fatal', errorLogFile: file, destination: sink.stream });
    logger.error('broken');
    expect(readLines(file).map((line) => line['msg'])).toEqual(['broken']);
    expect(sink.lines()).toHaveLength(0);
  });

  it('creates the error log file with mode 0600 in a new folder', () => {
    const file = join(tempFile('nested'), 'deeper', 'errors.log');
    createLogger({ service: 'probe', errorLogFile: file, destination: createSink().stream });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('narrows an existing world-readable error log file to 0600 and appends', () => {
    const file = tempFile();
    writeFileSync(file, '{"msg":"earlier"}\n');
    chmodSync(file, 0o644);
    createLogger({ service: 'probe', errorLogFile: file, destination: createSink().stream }).error('later');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readLines(file).map((line) => line['msg'])).toEqual(['earlier', 'later']);
  });

  it('rejects an error log file that is a symbolic link', () => {
    const target = tempFile('target.log');
    writeFileSync(target, '');
    const link = `${target}.link`;
    symlinkSync(target, link);
    expect(() => createLogger({ service: 'probe', errorLogFile: link })).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG_INVALID', message: expect.stringContaining('symbolic link') }),
    );
  });

  it('rejects an error log path that is a folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'logger-'));
    expect(() => createLogger({ service: 'probe', errorLogFile: folder })).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }),
    );
  });

  it('serializes err, req and connection fields', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
    const req = { method: 'GET', url: '/ws?token=query-secret', headers: { authorization: 'Bearer x' }, socket: { remoteAddress: '::1' } };
    logger.warn({ err: new TypeError('bad input'), req, connection: { id: 'c1', remoteAddress: '::1', session: { userId: 'u1' } } }, 'probe');
    const [line] = sink.lines();
    expect(line?.['err']).toMatchObject({ type: 'TypeError', message: 'bad input' });
    expect(line?.['req']).toEqual({ method: 'GET', path: '/ws', remoteAddress: '::1' });
    expect(line?.['connection']).toEqual({ id: 'c1', remoteAddress: '::1', userId: 'u1' });
    expect(sink.text()).not.toContain('query-secret');
  });

  it('writes pretty text only when asked', () => {
    const sink = createSink();
    createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream, pretty: true }).info({ token: 'pretty-secret' }, 'hello');
    expect(sink.text()).toContain('hello');
    expect(sink.text()).not.toContain('pretty-secret');
    expect(() => JSON.parse(sink.text())).toThrow();
  });

  it('refuses pretty output in production', () => {
    const previous = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      expect(() => createLogger({ service: 'probe', errorLogFile: false, pretty: true })).toThrow(
        expect.objectContaining({ code: 'ERR_CONFIG_INVALID', message: expect.stringContaining('NODE_ENV=production') }),
      );
    } finally {
      if (previous === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = previous;
    }
  });
});
