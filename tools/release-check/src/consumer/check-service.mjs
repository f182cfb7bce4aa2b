// Starts service.mjs as a child process and checks it with a real ws client:
// the health endpoint, a valid token, an echo, a forged token, then a clean
// exit on SIGTERM. Exits 0 only when every check passed. It is copied alone
// into the outside project, so it imports nothing from this workspace.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';

const SECRET = 'consumer-check-secret-of-at-least-32-bytes';
const DEADLINE_MS = 10_000;

async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok   ${message}`);
}

async function waitForHealth(url, child) {
  const until = Date.now() + DEADLINE_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`service exited early with code ${child.exitCode}`);
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) }).catch(() => undefined);
    if (response?.ok) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not respond within ${DEADLINE_MS} ms`);
}

/** Opens a client and returns helpers that read the next message or the close code. */
async function connect(url) {
  const socket = new WebSocket(url);
  const messages = [];
  const waiters = [];
  socket.on('message', (data) => {
    const waiter = waiters.shift();
    if (waiter) waiter(data.toString());
    else messages.push(data.toString());
  });
  const closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  // once() rejects on an 'error' event, so a refused connection fails the check here.
  await once(socket, 'open');
  const nextMessage = () =>
    messages.length > 0
      ? Promise.resolve(messages.shift())
      : new Promise((resolve, reject) => {
          waiters.push(resolve);
          setTimeout(() => reject(new Error('no message within the deadline')), DEADLINE_MS).unref();
        });
  return { socket, nextMessage, closed };
}

const port = await freePort();
const child = spawn(process.execPath, ['service.mjs'], {
  env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), JWT_SECRET: SECRET },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// Whatever ends this process, including an uncaught error, the child must not outlive it.
process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
});

try {
  const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`, child);
  expect(health.status === 200, 'GET /healthz returns 200');

  const token = jwt.sign({ sub: 'consumer-user' }, SECRET, { algorithm: 'HS256', expiresIn: '5m' });
  const client = await connect(`ws://127.0.0.1:${port}`);
  client.socket.send(token);
  expect((await client.nextMessage()) === 'welcome consumer-user', 'a valid token is accepted');
  client.socket.send('ping ✓');
  expect((await client.nextMessage()) === 'echo for consumer-user: ping ✓', 'messages are echoed for the user');
  client.socket.close(1000);
  await client.closed;

  const forged = jwt.sign({ sub: 'mallory' }, 'a-different-secret-that-is-also-32-bytes-long', { expiresIn: '5m' });
  const intruder = await connect(`ws://127.0.0.1:${port}`);
  intruder.socket.send(forged);
  expect((await intruder.closed) === 4401, 'a forged token closes the connection with 4401');
  expect(!output.includes(token), 'the accepted token does not reach the log');
  expect(!output.includes(forged), 'the forged token does not reach the log');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code === 0, 'SIGTERM stops the service with exit code 0');
} catch (err) {
  child.kill('SIGKILL');
  console.error(`FAIL ${err.message}\n--- service output ---\n${output}`);
  process.exit(1);
}
