import { parseArgs } from 'node:util';
import { signToken } from '@proj/auth';
import { duration, loadConfig, z } from '@proj/validation';
import { loadAuthConfig } from './auth-config.js';

const usage = `Usage: pnpm run token --sub <user id> [--ttl 15m] [--claim key=value]... [--kid <key id>]

Prints a JWT signed with a key the secure server accepts: the newest signing
key of JWT_KEYS_FILE, else JWT_SECRET, else the development secret file.
--kid picks another key of JWT_KEYS_FILE, for example the previous one
during a rotation. A --claim value that is a JSON number, true, false or
null is added as that value, anything else as a string; sub, exp, iat and
nbf come from --sub and --ttl only.`;

// Claims the command sets itself; a --claim for them would be silently overwritten.
const RESERVED_CLAIMS = new Set(['sub', 'exp', 'iat', 'nbf']);
// The verifier rejects tokens with these keys, and jsonwebtoken's sign fails on them.
const FORBIDDEN_CLAIMS = new Set(['__proto__', 'constructor', 'prototype']);
const JSON_SCALAR = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n\n${usage}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      sub: { type: 'string' },
      ttl: { type: 'string', default: '15m' },
      claim: { type: 'string', multiple: true, default: [] },
      kid: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : 'invalid arguments');
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!values.sub) fail('--sub is required');

let ttlMs: number;
try {
  ttlMs = loadConfig(z.object({ ttl: duration() }), { ttl: values.ttl }).ttl;
} catch {
  fail('--ttl expects a duration such as 30s, 15m or 2h');
}

const claims: Record<string, unknown> = {};
for (const pair of values.claim) {
  const separator = pair.indexOf('=');
  if (separator <= 0) fail(`--claim expects key=value, got ${JSON.stringify(pair.slice(0, 40))}`);
  const name = pair.slice(0, separator);
  if (RESERVED_CLAIMS.has(name)) fail(`--claim cannot set ${name}; use --sub and --ttl`);
  if (FORBIDDEN_CLAIMS.has(name)) fail(`--claim cannot set ${name}: the server rejects tokens with that key`);
  const text = pair.slice(separator + 1);
  claims[name] = JSON_SCALAR.test(text) ? (JSON.parse(text) as unknown) : text;
}

try {
  const { signingKeys } = loadAuthConfig(process.env);
  const key = values.kid === undefined ? signingKeys.at(-1) : signingKeys.find((candidate) => candidate.kid === values.kid);
  if (key === undefined) {
    fail(values.kid === undefined ? 'no signing key is configured (JWKS keys cannot sign)' : `no signing key has kid ${JSON.stringify(values.kid.slice(0, 64))}`);
  }
  process.stdout.write(`${signToken({ key, sub: values.sub, ttlSeconds: Math.max(1, Math.round(ttlMs / 1000)), claims })}\n`);
} catch (err) {
  fail(err instanceof Error ? err.message : 'cannot load the signing secret');
}
