import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { createSink } from './ndjson-sink.test-support.js';
import { REDACTED, REDACT_MAX_DEPTH, SECRET_KEYS } from './redact.js';

function logOnce(fields: Record<string, unknown>) {
  const sink = createSink();
  createLogger({ service: 'test', errorLogFile: false, destination: sink.stream }).info(fields, 'redaction probe');
  return { line: sink.lines()[0] ?? {}, text: sink.text() };
}

// Wraps `leaf` in `depth` objects: depth 2 gives { level1: { level2: leaf } }.
function nest(leaf: Record<string, unknown>, depth: number): Record<string, unknown> {
  let value = leaf;
  for (let level = depth; level >= 1; level -= 1) value = { [`level${level}`]: value };
  return value;
}

function dig(line: Record<string, unknown>, depth: number): Record<string, unknown> {
  let value: unknown = line;
  for (let level = 1; level <= depth; level += 1) value = (value as Record<string, unknown>)[`level${level}`];
  return value as Record<string, unknown>;
}

describe('redaction', () => {
  for (const key of SECRET_KEYS) {
    for (let depth = 0; depth <= REDACT_MAX_DEPTH; depth += 1) {
      it(`redacts ${key} at depth ${depth}`, () => {
        const secret = `secret-value-${key}-${depth}`;
        const { line, text } = logOnce(nest({ [key]: secret, kept: 'visible' }, depth));
        expect(text).not.toContain(secret);
        expect(dig(line, depth)[key]).toBe(REDACTED);
        expect(dig(line, depth)['kept']).toBe('visible');
      });
    }
  }

  it('leaves a key deeper than the maximum depth unredacted', () => {
    // Documents the limit: callers must not nest secrets this deep.
    const { line } = logOnce(nest({ token: 'too-deep' }, REDACT_MAX_DEPTH + 1));
    expect(dig(line, REDACT_MAX_DEPTH + 1)['token']).toBe('too-deep');
  });

  const headerShapes: Array<[string, (headers: Record<string, string>) => Record<string, unknown>]> = [
    ['req.headers', (headers) => ({ req: { method: 'GET', url: '/', headers } })],
    ['headers', (headers) => ({ headers })],
    ['request.headers', (headers) => ({ request: { headers } })],
  ];
  for (const [shape, build] of headerShapes) {
    it(`redacts credential headers in the ${shape} shape`, () => {
      const headers = {
        authorization: 'Bearer header-secret-1',
        cookie: 'session=header-secret-2',
        'sec-websocket-protocol': 'bearer.header-secret-3',
        'proxy-authorization': 'Basic header-secret-4',
        'user-agent': 'probe/1.0',
      };
      const { text } = logOnce(build(headers));
      for (const secret of ['header-secret-1', 'header-secret-2', 'header-secret-3', 'header-secret-4']) {
        expect(text).not.toContain(secret);
      }
    });
  }

  it('redacts secrets inside arrays', () => {
    const { line, text } = logOnce({ sessions: [{ accessToken: 'array-secret' }] });
    expect(text).not.toContain('array-secret');
    expect((line['sessions'] as Array<Record<string, unknown>>)[0]?.['accessToken']).toBe(REDACTED);
  });

  it('redacts a whole object stored under a secret key', () => {
    const { text } = logOnce({ secret: { nested: 'object-secret' } });
    expect(text).not.toContain('object-secret');
  });

  it('redacts child logger bindings', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'test', errorLogFile: false, destination: sink.stream });
    logger.child({ password: 'binding-secret' }).info('child line');
    expect(sink.text()).not.toContain('binding-secret');
    expect(sink.lines()[0]?.['password']).toBe(REDACTED);
  });

  it('replaces JWT-shaped text anywhere in a line with its fingerprint', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    const { line, text } = logOnce({ note: `got ${token} from client` });
    expect(text).not.toContain('eyJ');
    expect(line['note']).toMatch(/^got \[jwt sha256:[0-9a-f]{12}\] from client$/);
  });

  it('leaves the logged object unchanged', () => {
    const fields = { user: { token: 'kept-in-caller', name: 'ann' }, list: [{ password: 'p' }] };
    const { line } = logOnce(fields);
    expect((line['user'] as Record<string, unknown>)['token']).toBe(REDACTED);
    expect(fields.user.token).toBe('kept-in-caller');
    expect(fields.list[0]?.password).toBe('p');
  });
});
