import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';

// A `ws` client in its own process, so a test can freeze it with SIGSTOP:
// the kernel keeps the TCP connection up but nothing replies to pings.
const script = `
const WebSocket = require(process.env.WS_MODULE);
const socket = new WebSocket(process.env.TARGET_URL, { headers: { Authorization: 'Bearer ' + process.env.TARGET_TOKEN } });
socket.on('open', () => process.stdout.write('open\\n'));
socket.on('error', () => process.exit(2));
socket.on('close', () => process.exit(0));
`;

/** Starts a client process that opens an authenticated connection and resolves once it is open. */
export async function startClientProcess(url: string, token: string): Promise<ChildProcess> {
  const wsModule = createRequire(import.meta.url).resolve('ws');
  const child = spawn(process.execPath, ['-e', script], {
    env: { PATH: process.env['PATH'] ?? '', WS_MODULE: wsModule, TARGET_URL: url, TARGET_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('client process exited before its connection opened');
    }),
  ])) as [Buffer];
  if (!chunk.toString().includes('open')) throw new Error('client process did not report an open connection');
  return child;
}
