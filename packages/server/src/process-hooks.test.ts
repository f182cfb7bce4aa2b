import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@proj/logger';
import { describe, expect, it } from 'vitest';
import { type WebSocketService, createServer } from './create-server.js';
import { installProcessHooks } from './process-hooks.js';
import { openClient, waitFor } from './server.test-support.js';

type LogLine = Record<string, unknown>;

// Stands in for `process`: real events, and an `exit` that records the code together with
// what the error log file holds on disk at that moment, without ending the test run.
class ProcessStandIn extends EventEmitter {
  readonly exits: Array<{ code: number; errorLog: LogLine[] }> = [];

  constructor(readonly errorLogFile: string) {
    super();
  }

  exit(code: number): void {
    const text = existsSync(this.errorLogFile) ? readFileSync(this.errorLogFile, 'utf8') : '';
    const errorLog = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as LogLine);
    this.exits.push({ code, errorLog });
  }
}

// Builds a real service and logger with an error log file in a fresh temporary folder, and hooks
// them to a stand-in process. `close` replaces the service's own close when given.
function setUp(close?: () => Promise<void>): { target: ProcessStandIn; service: WebSocketService } {
  const errorLogFile = join(mkdtempSync(join(tmpdir(), 'process-hooks-')), 'errors.log');
  const destination = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({ service: 'hooks-test', level: 'info', errorLogFile, destination });
  const service = createServer({ host: '127.0.0.1', port: 0 }, { logger, handler: { onMessage: () => undefined } });
  const target = new ProcessStandIn(errorLogFile);
  installProcessHooks({ service: close ? { ...service, close } : service, logger, target: target as unknown as NodeJS.Process });
  return { target, service };
}

describe('installProcessHooks', () => {
  it('writes the crash line to the error file before exit 1', () => {
    const { target } = setUp();

    target.emit('uncaughtException', new Error('handler bug'));

    expect(target.exits).toHaveLength(1);
    expect(target.exits[0]?.code).toBe(1);
    expect(target.exits[0]?.errorLog).toEqual([expect.objectContaining({ level: 'fatal', msg: 'process crashed', origin: 'uncaughtException' })]);
  });

  it('logs an unhandled rejection as a crash', () => {
    const { target } = setUp();

    target.emit('unhandledRejection', new RangeError('async bug'));

    expect(target.exits[0]?.code).toBe(1);
    expect(target.exits[0]?.errorLog[0]).toMatchObject({ level: 'fatal', origin: 'unhandledRejection' });
  });

  it('drains on SIGTERM and exits 0', async () => {
    const { target, service } = setUp();
    const address = await service.listen();
    const client = await openClient(`ws://127.0.0.1:${address.port}`);
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));

    target.emit('SIGTERM');

    expect(await closed).toBe(1001);
    await waitFor(() => target.exits.length === 1);
    expect(target.exits[0]?.code).toBe(0);
    expect(target.exits[0]?.errorLog).toEqual([]);
  });

  it('writes a failed shutdown to the error file before exit 1', async () => {
    const { target } = setUp(() => Promise.reject(new Error('listener close failed')));

    target.emit('SIGINT');

    await waitFor(() => target.exits.length === 1);
    expect(target.exits[0]?.code).toBe(1);
    expect(target.exits[0]?.errorLog).toEqual([expect.objectContaining({ level: 'error', msg: 'shutdown failed' })]);
  });
});
