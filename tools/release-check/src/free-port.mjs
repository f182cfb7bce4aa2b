// Finds a TCP port that is free on 127.0.0.1 right now. Another process could
// take it before the caller binds it, so callers fail loudly on EADDRINUSE.
// Run directly, it prints the port.
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Returns a port that was free on 127.0.0.1 a moment ago. */
export async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await freePort());
