// Creates a throwaway user on a local Verdaccio and prints its auth token.
// This is the request `npm adduser` sends, made without a prompt since CI has
// no stdin. Usage: node registry-user.mjs http://127.0.0.1:PORT/
import { randomBytes } from 'node:crypto';

const registry = new URL(process.argv[2] ?? '');
if (registry.hostname !== '127.0.0.1' && registry.hostname !== 'localhost') {
  console.error(`registry-user: expected a loopback registry URL, got ${registry.origin}`);
  process.exit(1);
}

const name = `release-check-${randomBytes(4).toString('hex')}`;
const password = randomBytes(24).toString('base64url');
const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, registry), {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] }),
  signal: AbortSignal.timeout(10_000),
});
const body = await response.json().catch(() => ({}));
if (!response.ok || typeof body.token !== 'string') {
  console.error(`registry-user: creating ${name} failed with HTTP ${response.status}: ${body.error ?? 'no token returned'}`);
  process.exit(1);
}
console.log(body.token);
