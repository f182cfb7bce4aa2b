// Starts a `pnpm deploy --prod` folder the way its Dockerfile does, with the
// runtime stage's ENV and CMD, and as an unprivileged user when run as root.
// It then checks that only production dependencies were deployed, that the
// Dockerfile's HEALTHCHECK passes, that a ws client gets the app's reply, and
// that SIGTERM ends the process with exit code 0.
//
// Usage: node check-deployed-app.mjs <echo-server|secure-server> <deploy-dir> <repo-root>
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { readDockerfile } from './dockerfile.mjs';
import { freePort } from './free-port.mjs';

const [app, deployDir, root] = process.argv.slice(2);
const DEADLINE_MS = 15_000;
// Browser origin allowed in the check; production refuses to start without an allowlist.
const TEST_ORIGIN = 'https://app.example.com';
// Test-only secret, 32+ bytes as production requires; never a real one.
const TEST_SECRET = 'release-check-test-secret-0123456789abcdef';
// `nobody` on Debian; the Dockerfiles use the node image's `node` user, which this machine lacks.
const UNPRIVILEGED_ID = 65534;
// Both apps echo text with this prefix; secure-server only after authentication.
const MESSAGE = 'hello from the release check ✓';
const REPLY = `Server received: ${MESSAGE}`;

function expect(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok   ${app}: ${message}`);
}

function checkProductionOnly() {
  const manifest = JSON.parse(readFileSync(join(deployDir, 'package.json'), 'utf8'));
  for (const name of Object.keys(manifest.devDependencies ?? {})) {
    if (name in (manifest.dependencies ?? {})) continue;
    expect(!existsSync(join(deployDir, 'node_modules', name)), `devDependency ${name} is not deployed`);
  }
  for (const folder of ['src', 'test']) expect(!existsSync(join(deployDir, folder)), `${folder}/ is not deployed`);
  expect(existsSync(join(deployDir, 'dist', 'main.js')), 'dist/main.js is deployed');
}

async function waitForHealth(port, child) {
  const until = Date.now() + DEADLINE_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited during start-up with code ${child.exitCode}`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) }).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/healthz did not respond within ${DEADLINE_MS} ms`);
}

/** Sends messages in order, waiting up to the deadline for a reply to each, and returns the replies. */
async function converse(port, messages) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`, { origin: TEST_ORIGIN });
  const replies = [];
  socket.on('message', (data) => replies.push(data.toString()));
  await once(socket, 'open');
  for (const message of messages) {
    const before = replies.length;
    socket.send(message);
    const until = Date.now() + DEADLINE_MS;
    while (replies.length === before && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  socket.close(1000);
  await once(socket, 'close');
  return replies;
}

const dockerfile = readDockerfile(join(root, 'apps', app, 'Dockerfile'));
const runAsRoot = process.getuid?.() === 0;
const logDir = mkdtempSync(join(tmpdir(), `${app}-logs-`));
const port = await freePort();
const env = {
  PATH: process.env.PATH,
  ...dockerfile.env,
  PORT: String(port),
  // The image listens on 0.0.0.0 for the container's network; here only loopback is reachable.
  HOST: '127.0.0.1',
  ERROR_LOG_FILE: join(logDir, 'websocket_errors.log'),
  ALLOWED_ORIGINS: TEST_ORIGIN,
  ...(app === 'secure-server' ? { JWT_SECRET: TEST_SECRET } : {}),
};
const identity = runAsRoot ? { uid: UNPRIVILEGED_ID, gid: UNPRIVILEGED_ID } : {};
if (runAsRoot) {
  chownSync(logDir, UNPRIVILEGED_ID, UNPRIVILEGED_ID);
  chmodSync(logDir, 0o700);
}

checkProductionOnly();
expect(env.NODE_ENV === 'production', 'runs with NODE_ENV=production from the Dockerfile');
const [command, ...args] = dockerfile.cmd;
const child = spawn(command === 'node' ? process.execPath : command, args, {
  cwd: deployDir,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  ...identity,
});
// Whatever ends this process, including an uncaught error, the child must not outlive it.
process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
});
child.stderr.on('data', (chunk) => {
  output += chunk;
});

try {
  await waitForHealth(port, child);
  expect(true, `started from "${dockerfile.cmd.join(' ')}"${runAsRoot ? ` as uid ${UNPRIVILEGED_ID}` : ''}`);

  const [probe, ...probeArgs] = dockerfile.healthcheck;
  const health = spawnSync(probe === 'node' ? process.execPath : probe, probeArgs, { env, timeout: 10_000, ...identity });
  expect(health.status === 0, 'the Dockerfile HEALTHCHECK command passes');

  if (app === 'secure-server') {
    const token = jwt.sign({ sub: 'release-check' }, TEST_SECRET, { algorithm: 'HS256', expiresIn: '5m' });
    const replies = await converse(port, [token, MESSAGE]);
    expect(replies[0] === 'Authenticated!', `a token minted from the test secret gets "Authenticated!" (got ${JSON.stringify(replies[0])})`);
    expect(replies[1] === REPLY, `an authenticated message gets "${REPLY}"`);
    expect(!output.includes(token), 'the token does not reach the log');
  } else {
    const replies = await converse(port, [MESSAGE]);
    expect(replies[0] === REPLY, `a text message gets "${REPLY}" (got ${JSON.stringify(replies[0])})`);
  }

  child.kill('SIGTERM');
  const exit = await Promise.race([
    once(child, 'exit'),
    new Promise((resolve) => setTimeout(() => resolve(['timeout']), DEADLINE_MS)),
  ]);
  expect(exit[0] === 0, `SIGTERM ends the process with exit code 0 (got ${exit[0]})`);
} catch (err) {
  child.kill('SIGKILL');
  console.error(`FAIL ${app}: ${err.message}\n--- ${app} output ---\n${output}`);
  process.exitCode = 1;
} finally {
  rmSync(logDir, { recursive: true, force: true });
}
