import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { type AppProcess, openRawWebSocket, startApp } from '@proj/testkit';
import { afterAll, describe, expect, it } from 'vitest';

let app: AppProcess | undefined;

// Resolves with whether a TCP connection to the port is accepted or refused.
function probe(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') resolve('refused');
      else reject(err);
    });
  });
}

afterAll(async () => {
  await app?.stop();
});

describe('secure-server shutdown', () => {
  it('closes the admin endpoint on SIGTERM and exits 0', async () => {
    app = await startApp('secure-server', {
      env: {
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_PORT: '0',
        ADMIN_TOKEN: randomBytes(32).toString('hex'),
        AUTH_TIMEOUT: '30s',
        CLOSE_TIMEOUT: '3s',
      },
    });
    const line = await app.waitForLog((entry) => entry.msg === 'admin listening');
    const adminPort = Number(line['port']);
    expect(await probe(adminPort)).toBe('accepted');

    // A client that never replies to the close frame keeps the drain going for CLOSE_TIMEOUT,
    // so the admin port is probed while the process is still running.
    const silent = await openRawWebSocket(app.port);
    let exited = false;
    void app.exited.then(() => (exited = true));
    app.child.kill('SIGTERM');
    // The drain logs this line as it starts, after the signal handler asked every listener to close.
    await app.waitForLog((entry) => entry.msg === 'shutting down');

    expect(await probe(adminPort)).toBe('refused');
    expect(exited).toBe(false);
    expect((await app.exited).code).toBe(0);
    silent.socket.destroy();
  });
});
