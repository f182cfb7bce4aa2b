import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, clientFrame, connect, openRawWebSocket, startApp } from '@proj/testkit';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Drives every credential source the secure server reads with valid, expired,
// forged and malformed tokens, forces the error paths around them, then
// searches everything the server wrote for any piece of any token.

const secret = randomBytes(32).toString('hex');
const MAX_PAYLOAD_BYTES = 8 * 1024;
let app: AppProcess;
let errorLogFile: string;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const mint = (payload: Record<string, unknown>, key = secret, options: jwt.SignOptions = {}): string =>
  jwt.sign(payload, key, { algorithm: 'HS256', ...options });

const signText = (header: string, payload: string): string => {
  const data = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
};

// Letters outside the hex alphabet, so a marker never matches an id or a fingerprint in the log.
const NON_HEX = 'ghjkmnpqrstuvwxyz';

// A short marker, because V8 quotes only about ten characters of the text a JSON parse failed on.
const shortMarker = (): string => Array.from(randomBytes(9), (byte) => NON_HEX[byte % NON_HEX.length]).join('');

// Each token carries a random marker so a leak of one is told apart from
// another. Rows whose marker sits in decoded header or payload text list it
// as a needle too, because a parser's message would quote the decoded text.
function tokenTable(): Array<[string, string, string[]]> {
  const marker = (): string => randomBytes(6).toString('hex');
  const valid = mint({ sub: `alice-${marker()}` }, secret, { expiresIn: '5m' });
  const hs256 = '{"alg":"HS256","typ":"JWT"}';
  const decoded = Array.from({ length: 6 }, shortMarker);
  return [
    ['valid', valid, []],
    ['expired', mint({ sub: `bob-${marker()}`, exp: Math.floor(Date.now() / 1000) - 3600 }), []],
    ['bad signature', mint({ sub: `carol-${marker()}` }, 'x'.repeat(32), { expiresIn: '5m' }), []],
    ['alg none', `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: `admin-${marker()}`, exp: 4102444800 })}.`, []],
    ['without exp', mint({ sub: `dave-${marker()}` }), []],
    ['truncated', valid.slice(0, -7), []],
    ['payload not JSON', signText(hs256, decoded[0]!), [decoded[0]!]],
    ['header not JSON', signText(decoded[1]!, '{}'), [decoded[1]!]],
    ['payload a JSON string', signText(hs256, JSON.stringify(decoded[2])), [decoded[2]!]],
    ['payload a JSON array', signText(hs256, JSON.stringify([decoded[3]])), [decoded[3]!]],
    ['unknown kid', signText(`{"alg":"HS256","kid":"${decoded[4]}"}`, '{}'), [decoded[4]!]],
    ['exp a string', signText(hs256, `{"sub":"frank","exp":"${decoded[5]}"}`), [decoded[5]!]],
    ['oversized', mint({ sub: 'erin', pad: 'p'.repeat(6_000), marker: marker() }, secret, { expiresIn: '5m' }), []],
    ['malformed', `not-a-jwt-${marker()}`, []],
  ];
}

interface CredentialSource {
  name: string;
  url?: (base: string, token: string) => string;
  headers?: (token: string) => Record<string, string>;
  protocols?: (token: string) => string[];
  firstMessage?: (token: string) => string;
}

// One row per way a token reaches the server; add a row when a source is added.
const credentialSources: CredentialSource[] = [
  { name: 'first message', firstMessage: (token) => token },
  { name: 'JSON auth message', firstMessage: (token) => JSON.stringify({ type: 'auth', token }) },
  { name: 'JSON auth message failing the schema', firstMessage: (token) => JSON.stringify({ type: 'auth', tokn: token, extra: [token] }) },
  { name: 'Authorization header', headers: (token) => ({ Authorization: `Bearer ${token}` }) },
  { name: 'Sec-WebSocket-Protocol', protocols: (token) => ['proj.v1', `proj.token.${token}`] },
  { name: 'access_token query', url: (base, token) => `${base}/?access_token=${encodeURIComponent(token)}` },
  { name: 'token query', url: (base, token) => `${base}/chat?token=${encodeURIComponent(token)}` },
  { name: 'Cookie header', headers: (token) => ({ Cookie: `session=${token}; theme=dark` }) },
];

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Opens one connection with the token in one place, then lets the server
// finish with it: a refused upgrade, a rejection, the auth deadline, or, once
// accepted, one echoed message that also carries the token.
async function attempt(source: CredentialSource, token: string): Promise<void> {
  let client;
  try {
    client = await connect(source.url?.(app.url, token) ?? app.url, {
      headers: source.headers?.(token) ?? {},
      ...(source.protocols ? { protocols: source.protocols(token) } : {}),
    });
  } catch {
    return;
  }
  if (source.firstMessage) client.socket.send(source.firstMessage(token));
  const closed = await Promise.race([client.closed, delay(1_000).then(() => undefined)]);
  if (closed === undefined) {
    client.socket.send(`echo ${token}`);
    await Promise.race([client.nextMessage(1_000).catch(() => undefined), client.closed]);
    client.close();
    await Promise.race([client.closed, delay(1_000)]);
  }
}

async function runPool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: concurrency }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  });
  await Promise.all(workers);
}

// Error paths around authentication, each with a valid token inside the payload.
async function forceErrorPaths(token: string): Promise<void> {
  const oversized = await connect(app.url);
  oversized.socket.send(`${token} ${'x'.repeat(MAX_PAYLOAD_BYTES)}`);
  await Promise.race([oversized.closed, delay(2_000)]);

  const binary = await openRawWebSocket(app.port);
  binary.socket.write(clientFrame({ opcode: 0x2, payload: token }));
  await binary.closeCode().catch(() => undefined);

  const invalidUtf8 = await openRawWebSocket(app.port);
  invalidUtf8.socket.write(clientFrame({ opcode: 0x1, payload: Buffer.concat([Buffer.from(token), Buffer.from([0xc3, 0x28])]) }));
  await invalidUtf8.closeCode().catch(() => undefined);

  const reset = await openRawWebSocket(app.port, { Authorization: `Bearer ${token}` });
  reset.socket.write(clientFrame({ opcode: 0x1, payload: token }).subarray(0, 20));
  reset.socket.resetAndDestroy();
  await reset.ended;
}

function needlesOf(token: string, decoded: string[]): string[] {
  const needles = [token, ...decoded];
  const signature = token.split('.')[2] ?? '';
  if (signature.length >= 8) needles.push(signature);
  return needles;
}

const tokens = tokenTable();

beforeAll(async () => {
  errorLogFile = join(mkdtempSync(join(tmpdir(), 'log-secrets-')), 'errors.log');
  app = await startApp('secure-server', {
    env: {
      JWT_SECRET: secret,
      LOG_LEVEL: 'trace',
      AUTH_TIMEOUT: '500ms',
      MAX_PAYLOAD: `${MAX_PAYLOAD_BYTES}B`,
      ERROR_LOG_FILE: errorLogFile,
      DANGEROUSLY_ALLOW_QUERY_TOKEN: 'true',
    },
  });
  const cases = credentialSources.flatMap((source) => tokens.map(([, token]) => ({ source, token })));
  await runPool(cases, 4, ({ source, token }) => attempt(source, token));
  await forceErrorPaths(tokens[0]![1]);
  await app.stop();
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('secure-server logs', () => {
  it('recorded the authentication attempts', () => {
    expect(app.logs.filter((line) => line.msg === 'authentication failed').length).toBeGreaterThanOrEqual(tokens.length);
    expect(app.logs.some((line) => line.msg === 'authenticated')).toBe(true);
  });

  it('give reasons written by the server, never a parser message', () => {
    const reasons = app.logs.map((line) => line['reason']).filter((reason): reason is string => typeof reason === 'string');
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      // V8's JSON errors quote input: `Unexpected token …, "…"... is not valid JSON`.
      expect(reason).not.toMatch(/Unexpected token|(\.\.\.|") is not valid JSON|jsonwebtoken rejected/);
    }
  });

  it('contain no eyJ prefix anywhere', () => {
    expect(app.output.stdout).not.toContain('eyJ');
    expect(app.output.stderr).not.toContain('eyJ');
    expect(existsSync(errorLogFile) ? readFileSync(errorLogFile, 'utf8') : '').not.toContain('eyJ');
  });

  for (const [name, token, decoded] of tokens) {
    it(`contain no part of the ${name} token`, () => {
      const errorLog = existsSync(errorLogFile) ? readFileSync(errorLogFile, 'utf8') : '';
      for (const needle of needlesOf(token, decoded)) {
        expect(app.output.stdout).not.toContain(needle);
        expect(app.output.stderr).not.toContain(needle);
        expect(errorLog).not.toContain(needle);
      }
    });
  }
});
