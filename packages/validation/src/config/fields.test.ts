import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { existingDirectory, existingFile } from './file-path.js';
import { integer, port } from './integer.js';
import { Secret, secret } from './secret.js';
import { boolean, list } from './text.js';
import { bytes, duration } from './units.js';
import { url } from './url.js';

describe('integer', () => {
  const tolerance = integer({ min: 0, max: 300 });

  it('parses integers within bounds', () => {
    expect(tolerance.parse('0')).toBe(0);
    expect(tolerance.parse(' 300 ')).toBe(300);
  });

  it.each(['1e309', '-5', '301', 'abc', '1.5', '0x10', '', ' ', '12345678901234567', 'Infinity', 'NaN'])(
    'rejects %j for 0 to 300',
    (text) => {
      expect(tolerance.safeParse(text).success).toBe(false);
    },
  );

  it('bounds port to 0 to 65535', () => {
    expect(port().parse('65535')).toBe(65_535);
    expect(port().safeParse('65536').success).toBe(false);
    expect(port().safeParse('-1').success).toBe(false);
  });
});

describe('boolean', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('parses %j', (text, value) => {
    expect(boolean().parse(text)).toBe(value);
  });

  it.each(['yes', 'no', 'TRUE', 'on', '', ' true'])('rejects %j', (text) => {
    expect(boolean().safeParse(text).success).toBe(false);
  });
});

describe('duration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
  ])('parses %j', (text, milliseconds) => {
    expect(duration().parse(text)).toBe(milliseconds);
  });

  it.each(['30', '1.5s', '-1s', '1w', 's', '1e3ms'])('rejects %j', (text) => {
    expect(duration().safeParse(text).success).toBe(false);
  });

  it('applies bounds in milliseconds', () => {
    expect(duration({ min: 1_000, max: 60_000 }).safeParse('999ms').success).toBe(false);
    expect(duration({ min: 1_000, max: 60_000 }).safeParse('2m').success).toBe(false);
    expect(duration({ min: 1_000, max: 60_000 }).parse('1m')).toBe(60_000);
  });
});

describe('bytes', () => {
  it.each([
    ['512', 512],
    ['512B', 512],
    ['64KiB', 65_536],
    ['1MiB', 1_048_576],
    ['1GiB', 1_073_741_824],
  ])('parses %j', (text, size) => {
    expect(bytes().parse(text)).toBe(size);
  });

  it.each(['64KB', '1.5MiB', '-1', 'KiB', '999999999999GiB'])('rejects %j', (text) => {
    expect(bytes().safeParse(text).success).toBe(false);
  });

  it('applies bounds in bytes', () => {
    expect(bytes({ max: 1_048_576 }).safeParse('2MiB').success).toBe(false);
    expect(bytes({ min: 1 }).safeParse('0').success).toBe(false);
  });
});

describe('list', () => {
  it('splits, trims and drops blank items', () => {
    expect(list().parse(' a, b ,,c, ')).toEqual(['a', 'b', 'c']);
  });

  it('checks each item and the item count', () => {
    const origins = list({ item: url(), maxItems: 2 });
    expect(origins.parse('https://a.example, https://b.example')).toEqual(['https://a.example/', 'https://b.example/']);
    expect(origins.safeParse('https://a.example,http://b.example').success).toBe(false);
    expect(origins.safeParse('https://a.example,https://b.example,https://c.example').success).toBe(false);
  });
});

describe('existingFile and existingDirectory', () => {
  const directory = mkdtempSync(join(tmpdir(), 'validation-config-'));
  const file = join(directory, 'cert.pem');
  writeFileSync(file, 'x');

  it('accept an existing path and return it absolute', () => {
    expect(existingFile().parse(file)).toBe(resolve(file));
    expect(existingDirectory().parse(directory)).toBe(resolve(directory));
  });

  it('reject missing paths and the wrong kind', () => {
    expect(existingFile().safeParse(join(directory, 'missing.pem')).success).toBe(false);
    expect(existingFile().safeParse(directory).success).toBe(false);
    expect(existingDirectory().safeParse(file).success).toBe(false);
    expect(existingFile().safeParse('\u0000').success).toBe(false);
  });
});

describe('url', () => {
  it('accepts https by default and normalizes', () => {
    expect(url().parse('https://Example.com')).toBe('https://example.com/');
  });

  it('rejects other protocols and relative or broken URLs', () => {
    for (const text of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', '/relative', 'https//x', '']) {
      expect(url().safeParse(text).success, text).toBe(false);
    }
  });

  it('accepts the protocols it is given', () => {
    const upstream = url({ protocols: ['ws:', 'wss:'] });
    expect(upstream.parse('ws://127.0.0.1:8765')).toBe('ws://127.0.0.1:8765/');
    expect(upstream.safeParse('https://example.com').success).toBe(false);
  });
});

describe('secret', () => {
  const value = 'sk_live_MARKER_5ecret_value_that_is_long_enough_000';

  it('wraps a long enough secret', () => {
    const parsed = secret({ minBytes: 32 }).parse(value);
    expect(parsed).toBeInstanceOf(Secret);
    expect(parsed.reveal()).toBe(value);
    expect(parsed.byteLength).toBe(value.length);
  });

  it('never prints the value', () => {
    const parsed = secret().parse(value);
    const printed = [String(parsed), `${parsed}`, JSON.stringify({ parsed }), inspect(parsed), inspect({ parsed }, { depth: 5 })];
    for (const text of printed) {
      expect(text).not.toContain('MARKER');
      expect(text).toContain('[redacted]');
    }
  });

  it('rejects a secret shorter than minBytes, counted in UTF-8', () => {
    expect(secret({ minBytes: 4 }).safeParse('abc').success).toBe(false);
    expect(secret({ minBytes: 4 }).safeParse('éé').success).toBe(true);
    expect(secret().safeParse('x'.repeat(31)).success).toBe(false);
  });
});
