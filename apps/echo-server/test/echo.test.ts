import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, clientFrame, connect, openRawWebSocket, startApp } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let app: AppProcess;

beforeAll(async () => {
  app = await startApp('echo-server', { env: { ERROR_LOG_FILE: join(mkdtempSync(join(tmpdir(), 'echo-')), 'errors.log') } });
});

afterAll(async () => {
  await app.stop();
});

async function expectServing(): Promise<void> {
  const client = await connect(app.url);
  expect(await client.request('still there?')).toBe('Server received: still there?');
  client.close();
}

describe('echo-server', () => {
  it('echoes text byte for byte', async () => {
    const client = await connect(app.url);
    expect(await client.request('hello')).toBe('Server received: hello');
    expect(await client.request('')).toBe('Server received: ');
    expect(await client.request('  spaced\ttext\n')).toBe('Server received:   spaced\ttext\n');
    client.close();
  });

  it('echoes unicode unchanged', async () => {
    const client = await connect(app.url);
    const text = 'héllo 世界 🚀 \u{1F9EA}';
    expect(await client.request(text)).toBe(`Server received: ${text}`);
    client.close();
  });

  it('closes a binary message with 1003', async () => {
    const client = await connect(app.url);
    client.socket.send(Buffer.from([1, 2, 3]));
    expect((await client.closed).code).toBe(1003);
  });

  it('closes a frame with RSV1 set with 1002 and keeps serving', async () => {
    const other = await connect(app.url);
    const raw = await openRawWebSocket(app.port);
    raw.socket.write(clientFrame({ opcode: 0x1, rsv: 0b100, payload: 'x' }));
    expect(await raw.closeCode()).toBe(1002);
    expect(await other.request('after bad frame')).toBe('Server received: after bad frame');
    other.close();
    const warning = await app.waitForLog((line) => line.msg === 'connection error');
    expect(warning.level).toBe('warn');
    expect(warning['code']).toBe('ERR_PROTOCOL_VIOLATION');
  });

  it('survives a reset in the middle of a frame', async () => {
    const raw = await openRawWebSocket(app.port);
    raw.socket.write(clientFrame({ opcode: 0x1, payload: 'partial message' }).subarray(0, 3));
    raw.socket.resetAndDestroy();
    await raw.ended;
    await expectServing();
    expect(app.child.exitCode).toBeNull();
  });

  it('answers health checks and refuses plain HTTP with 426', async () => {
    const health = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(health.status).toBe(200);
    const plain = await fetch(`http://127.0.0.1:${app.port}/`);
    expect(plain.status).toBe(426);
  });
});

describe('echo-server start-up', () => {
  it('writes a failed listen to the error log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-'));
    const errorLog = join(dir, 'errors.log');
    const { runAppToExit } = await import('@proj/testkit');
    const result = await runAppToExit('echo-server', { env: { PORT: String(app.port), ERROR_LOG_FILE: errorLog } });
    expect(result.code).toBe(1);
    const lines = readFileSync(errorLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['msg'])).toContain('listen failed');
    expect(lines.every((line) => line['level'] === 'fatal' || line['level'] === 'error')).toBe(true);
  });

  it('rejects an invalid PORT with a message naming it', async () => {
    const { runAppToExit } = await import('@proj/testkit');
    const result = await runAppToExit('echo-server', { env: { PORT: '70000' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});
