import { type RawWebSocket, type TestClient, clientFrame, connect, readProcessStats } from '@proj/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogAudit } from '../src/audit.js';
import { hex } from '../src/bytes.js';
import { linesSince, mentions, serverFaultLines, waitForLineSince } from '../src/logs.js';
import { openReadyRawSocket, waitUntil, writeUntilClosed } from '../src/raw-session.js';
import { type SecureTarget, type Target, expectNoLeaks, expectStillServing, startEchoTarget, startSecureTarget } from '../src/target.js';

// The documented default MAX_PAYLOAD of both apps.
const LIMIT = 64 * 1024;
const MiB = 1024 * 1024;

interface Violation {
  readonly name: string;
  readonly bytes: Buffer;
  readonly closeCode: number;
  /** The `ws` error code behind the close; protocol violations must log it. */
  readonly wsCode: string;
  /** Log level of the line: protocol violations warn, bad data is info. */
  readonly level: 'warn' | 'info';
}

// Client frames with the zero mask key, so payload bytes read as-is.
const violations: readonly Violation[] = [
  { name: 'RSV1 without extension', bytes: hex('C1 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_UNEXPECTED_RSV_1', level: 'warn' },
  { name: 'RSV2 set', bytes: hex('A1 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_UNEXPECTED_RSV_2_3', level: 'warn' },
  { name: 'RSV3 set', bytes: hex('91 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_UNEXPECTED_RSV_2_3', level: 'warn' },
  { name: 'unmasked client frame', bytes: hex('81 05 68 65 6C 6C 6F'), closeCode: 1002, wsCode: 'WS_ERR_EXPECTED_MASK', level: 'warn' },
  { name: 'reserved data opcode 3', bytes: hex('83 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_INVALID_OPCODE', level: 'warn' },
  { name: 'reserved control opcode 0xB', bytes: hex('8B 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_INVALID_OPCODE', level: 'warn' },
  { name: 'continuation without a message', bytes: hex('80 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_INVALID_OPCODE', level: 'warn' },
  {
    name: 'new text frame inside a fragmented message',
    bytes: hex('01 80 00 00 00 00 81 80 00 00 00 00'),
    closeCode: 1002,
    wsCode: 'WS_ERR_INVALID_OPCODE',
    level: 'warn',
  },
  { name: 'close code 22373 (unassigned)', bytes: hex('88 82 00 00 00 00 57 65'), closeCode: 1002, wsCode: 'WS_ERR_INVALID_CLOSE_CODE', level: 'warn' },
  { name: 'close code 1005 on the wire', bytes: hex('88 82 00 00 00 00 03 ED'), closeCode: 1002, wsCode: 'WS_ERR_INVALID_CLOSE_CODE', level: 'warn' },
  {
    name: 'close payload of one byte',
    bytes: hex('88 81 00 00 00 00 03'),
    closeCode: 1002,
    wsCode: 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH',
    level: 'warn',
  },
  {
    name: 'ping announcing a 16-bit length',
    bytes: hex('89 FE'),
    closeCode: 1002,
    wsCode: 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH',
    level: 'warn',
  },
  { name: 'fragmented ping', bytes: hex('09 80 00 00 00 00'), closeCode: 1002, wsCode: 'WS_ERR_EXPECTED_FIN', level: 'warn' },
  { name: 'invalid UTF-8 in a text frame', bytes: hex('81 82 00 00 00 00 C3 28'), closeCode: 1007, wsCode: 'WS_ERR_INVALID_UTF8', level: 'info' },
  {
    name: 'invalid UTF-8 split across fragments',
    bytes: hex('01 81 00 00 00 00 C3 80 81 00 00 00 00 28'),
    closeCode: 1007,
    wsCode: 'WS_ERR_INVALID_UTF8',
    level: 'info',
  },
  { name: 'overlong UTF-8 encoding', bytes: hex('81 82 00 00 00 00 C0 AF'), closeCode: 1007, wsCode: 'WS_ERR_INVALID_UTF8', level: 'info' },
  { name: 'UTF-16 surrogate in UTF-8', bytes: hex('81 83 00 00 00 00 ED A0 80'), closeCode: 1007, wsCode: 'WS_ERR_INVALID_UTF8', level: 'info' },
  {
    name: 'invalid UTF-8 in a close reason',
    bytes: hex('88 84 00 00 00 00 03 E8 C3 28'),
    closeCode: 1007,
    wsCode: 'WS_ERR_INVALID_UTF8',
    level: 'info',
  },
  {
    name: '200 MiB announced length',
    bytes: hex('81 FF 00 00 00 00 0C 80 00 00 00 00 00 00'),
    closeCode: 1009,
    wsCode: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
    level: 'info',
  },
  {
    name: '64-bit length with the top bit set',
    bytes: hex('81 FF 80 00 00 00 00 00 00 00 00 00 00 00'),
    closeCode: 1009,
    wsCode: 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH',
    level: 'info',
  },
  {
    name: 'length of 2^53, past safe integers',
    bytes: hex('81 FF 00 20 00 00 00 00 00 00 00 00 00 00'),
    closeCode: 1009,
    wsCode: 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH',
    level: 'info',
  },
];

// The toolkit error code each close code stands for in these cases.
function codeOf(closeCode: number): string {
  if (closeCode === 1007) return 'ERR_VALIDATION_INVALID_UTF8';
  if (closeCode === 1009) return 'ERR_PAYLOAD_TOO_LARGE';
  return 'ERR_PROTOCOL_VIOLATION';
}

const audit = new LogAudit();
let echo: Target;
let secure: SecureTarget;

beforeAll(async () => {
  [echo, secure] = await Promise.all([startEchoTarget(audit), startSecureTarget(audit)]);
});

afterAll(async () => {
  await Promise.all([echo?.app.stop(), secure?.app.stop()]);
});

async function openBystander(target: Target | SecureTarget): Promise<TestClient> {
  const client = await connect(target.app.url);
  if ('tokens' in target) expect(await client.request(target.tokens.valid('bystander'))).toBe('Authenticated!');
  return client;
}

async function expectBystanderServed(client: TestClient): Promise<void> {
  const body = audit.marker('bystander');
  expect(await client.request(body)).toBe(`Server received: ${body}`);
}

function headerAnnouncing(length: number, opcodeByte = 0x81): Buffer {
  const header = Buffer.alloc(14);
  header[0] = opcodeByte;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

describe.each([
  { appName: 'echo-server', target: (): Target => echo },
  { appName: 'secure-server', target: (): Target => secure },
])('frames on $appName', ({ target }) => {
  let bystander: TestClient;

  beforeAll(async () => {
    bystander = await openBystander(target());
  });

  afterAll(() => {
    bystander?.close();
  });

  it('violation logs one warn line naming the ws code', async () => {
    // First protocol fault of this server, so the log sampler has not suppressed anything yet.
    const { app } = target();
    const from = app.logs.length;
    const raw = await openReadyRawSocket(target(), 'frames');

    raw.socket.write(hex('C1 80 00 00 00 00'));

    expect(await raw.closeCode()).toBe(1002);
    const line = await waitForLineSince(app, from, (entry) => entry['code'] === 'ERR_PROTOCOL_VIOLATION');
    expect(line.level).toBe('warn');
    expect(line['connectionId']).toEqual(expect.any(String));
    expect(mentions(line, 'WS_ERR_UNEXPECTED_RSV_1')).toBe(true);
    expect(mentions(line, 'stack')).toBe(false);
  });

  it('oversized frame logs its announced length', async () => {
    const { app } = target();
    const from = app.logs.length;
    const raw = await openReadyRawSocket(target(), 'frames');
    raw.socket.write(headerAnnouncing(123_456_789));

    expect(await raw.closeCode()).toBe(1009);
    // First oversized frame of this server, so the log sampler has not suppressed anything yet.
    const line = await waitForLineSince(app, from, (entry) => entry['code'] === 'ERR_PAYLOAD_TOO_LARGE');
    expect(line['announcedBytes']).toBe(123_456_789);
    expect(line.level).toBe('info');
  });

  for (const violation of violations) {
    it(`${violation.name} closes ${violation.closeCode}`, async () => {
      const { app } = target();
      const from = app.logs.length;
      const raw = await openReadyRawSocket(target(), 'frames');
      const opened = await waitForLineSince(app, from, (entry) => entry.msg === 'connection opened');
      const connectionId = opened['connectionId'];

      raw.socket.write(violation.bytes);

      expect(await raw.closeCode()).toBe(violation.closeCode);
      await raw.ended;
      await waitForLineSince(app, from, (entry) => entry.msg === 'connection closed' && entry['connectionId'] === connectionId);
      const ownLines = linesSince(app, from).filter((entry) => entry['connectionId'] === connectionId && entry.level !== 'debug');
      // Repeated client faults are sampled, so the line may be missing but never repeated or wrong.
      expect(ownLines.length).toBeLessThanOrEqual(2);
      for (const line of ownLines.filter((entry) => entry['code'] === codeOf(violation.closeCode))) {
        expect(line.level).toBe(violation.level);
        if (violation.closeCode === 1002) expect(mentions(line, violation.wsCode)).toBe(true);
      }
      expect(serverFaultLines(linesSince(app, from))).toEqual([]);
      await expectBystanderServed(bystander);
    });
  }

  it('repeated violations are sampled in the log', () => {
    const { app } = target();
    const protocolCases = violations.filter((violation) => violation.closeCode === 1002).length;
    const logged = app.logs.filter((entry) => entry['code'] === 'ERR_PROTOCOL_VIOLATION' && entry['connectionId'] !== undefined);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.length).toBeLessThan(protocolCases + 1);
  });

  it('huge announced length closes 1009 without buffering', async () => {
    const { app } = target();
    const before = readProcessStats(app.pid);
    const sockets: RawWebSocket[] = [];
    for (let i = 0; i < 20; i += 1) {
      const raw = await openReadyRawSocket(target(), 'frames');
      raw.socket.write(headerAnnouncing(200 * MiB));
      sockets.push(raw);
    }

    for (const raw of sockets) expect(await raw.closeCode()).toBe(1009);
    const after = readProcessStats(app.pid);
    if (before && after) expect(after.residentBytes - before.residentBytes).toBeLessThan(32 * MiB);
    await expectBystanderServed(bystander);
  });

  it('streamed 200 MiB message closes 1009 early', async () => {
    const { app } = target();
    const before = readProcessStats(app.pid);
    const raw = await openReadyRawSocket(target(), 'frames');
    raw.socket.write(headerAnnouncing(200 * MiB));

    const written = await writeUntilClosed(raw, Buffer.alloc(MiB, 0x61), 200 * MiB);

    expect(await raw.closeCode()).toBe(1009);
    expect(written).toBeLessThan(200 * MiB);
    const after = readProcessStats(app.pid);
    if (before && after) expect(after.residentBytes - before.residentBytes).toBeLessThan(32 * MiB);
    await expectBystanderServed(bystander);
  });

  it('endless fragments close 1009 past the limit', async () => {
    const raw = await openReadyRawSocket(target(), 'frames');
    raw.socket.write(clientFrame({ opcode: 0x1, fin: false, payload: 'a'.repeat(4096) }));
    const fragment = clientFrame({ opcode: 0x0, fin: false, payload: 'a'.repeat(4096) });

    // 64 MiB of fragments: far more than socket buffers hold, so stopping early proves the close.
    const budget = 16_384 * fragment.length;
    const written = await writeUntilClosed(raw, fragment, budget);

    expect(await raw.closeCode()).toBe(1009);
    expect(written).toBeLessThan(budget);
    await expectBystanderServed(bystander);
  });

  it('message of exactly the limit is accepted', async () => {
    const client = await openBystander(target());
    const body = 'x'.repeat(LIMIT);
    expect(await client.request(body)).toBe(`Server received: ${body}`);
    client.close();
  });

  it('message one byte over the limit closes 1009', async () => {
    const client = await openBystander(target());
    client.socket.send('x'.repeat(LIMIT + 1));
    expect((await client.closed).code).toBe(1009);
    await expectBystanderServed(bystander);
  });

  it('same process keeps serving after the frames group', async () => {
    await expectStillServing(target(), audit);
    await waitUntil(() => bystander.socket.readyState === bystander.socket.OPEN);
    await expectBystanderServed(bystander);
  });
});

describe('frames logs', () => {
  it('no token, secret or message body in any line', async () => {
    await expectNoLeaks(audit, [echo, secure]);
  });
});
