import { Writable } from 'node:stream';
import * as logger from '@proj/logger';
import { pino } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { type MicroSubject, exported } from './subject.js';

/** Per-connection logging, per-message rate limiting and reply byte counts, as @proj/server does them. */
export function serverSubjects(): MicroSubject[] {
  return [...loggerSubjects(), ...rateLimitSubjects(), ...sendSubjects()];
}

function loggerSubjects(): MicroSubject[] {
  const createLogger = exported(logger, 'createLogger');
  const connectionLogger = exported(logger, 'connectionLogger');
  if (createLogger === undefined || connectionLogger === undefined) {
    process.stderr.write('micro: @proj/logger has no createLogger or connectionLogger, so logging is not timed\n');
    return [];
  }
  const discard = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });
  const parent = createLogger({ service: 'bench', level: 'info', errorLogFile: false, destination: discard() }) as pino.Logger;
  const plain = pino({ level: 'info' }, discard());
  let next = 0;
  const bindings = () => ({ connectionId: `connection-${(next += 1)}`, remoteAddress: '127.0.0.1' });
  const child = connectionLogger(parent, bindings()) as pino.Logger;
  const plainChild = plain.child(bindings());
  const fields = { userId: 'bench-user', sessionId: 'session-1', source: 'authorization-header', expiresAt: 1_900_000_000 };
  return [
    {
      group: 'logger',
      name: '@proj/logger connectionLogger (child per connection)',
      note: 'lazy: no pino child until the first line at an enabled level',
      run: () => connectionLogger(parent, bindings()),
      batch: 100,
    },
    { group: 'logger', name: 'pino child without redaction (reference)', run: () => plain.child(bindings()), batch: 100 },
    { group: 'logger', name: '@proj/logger info line from a connection logger', run: () => child.info(fields, 'authenticated') },
    { group: 'logger', name: 'pino info line without redaction (reference)', run: () => plainChild.info(fields, 'authenticated') },
  ];
}

function rateLimitSubjects(): MicroSubject[] {
  const limiter = (keyPrefix: string): RateLimiterMemory => new RateLimiterMemory({ points: 1_000_000_000, duration: 1, keyPrefix });
  const perConnection = limiter('c');
  const perAddress = limiter('a');
  const perUser = limiter('u');
  const counters = new Map<string, { windowStart: number; count: number }>();
  const countSync = (key: string): boolean => {
    const now = Date.now();
    let entry = counters.get(key);
    if (entry === undefined || now - entry.windowStart >= 1_000) {
      entry = { windowStart: now, count: 0 };
      counters.set(key, entry);
    }
    entry.count += 1;
    return entry.count > 1_000_000_000;
  };
  return [
    {
      group: 'rate limit',
      name: 'three RateLimiterMemory.consume calls, awaited in turn',
      note: 'the per-message path @proj/server used before its own counters',
      run: async () => {
        await perConnection.consume('connection-1');
        await perAddress.consume('127.0.0.1');
        await perUser.consume('bench-user');
      },
    },
    {
      group: 'rate limit',
      name: 'three synchronous fixed-window counters',
      note: 'what @proj/server spends per message',
      run: () => countSync('c:connection-1') || countSync('a:127.0.0.1') || countSync('u:bench-user'),
      batch: 100,
    },
  ];
}

// SocketConnection.send counts a reply's UTF-8 bytes for the high-water mark and
// ws_sent_bytes_total, and ws counts them again in WebSocket.send.
function sendSubjects(): MicroSubject[] {
  const prefix = 'Server received: ';
  const texts = Array.from({ length: 64 }, (_, index) => String(index % 10).repeat(4096));
  let next = 0;
  const text = (): string => {
    next = (next + 1) % texts.length;
    return texts[next] ?? '';
  };
  const countTwice = (reply: string): number => Buffer.byteLength(reply) + Buffer.byteLength(reply);
  return [
    {
      group: 'send',
      name: 'echo reply to 4 KiB built with +, bytes counted twice',
      note: 'the rope keeps Buffer.byteLength off its fast path',
      run: () => countTwice(prefix + text()),
      batch: 100,
    },
    {
      group: 'send',
      name: 'echo reply to 4 KiB joined, bytes counted twice',
      note: 'what both apps do',
      run: () => countTwice([prefix, text()].join('')),
      batch: 100,
    },
    {
      group: 'send',
      name: 'echo reply to 4 KiB built with +, bytes counted once (bare ws)',
      run: () => Buffer.byteLength(prefix + text()),
      batch: 100,
    },
  ];
}
