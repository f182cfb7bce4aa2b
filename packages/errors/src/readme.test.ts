import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CloseCode, closeCodeRetryAdvice } from './close-codes.js';
import { errorRegistry } from './codes.js';
import { errorCodes } from './lookup.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

// Returns the rows of the first table under a `## heading`, cells trimmed and
// unwrapped from backticks when a whole cell is code.
function tableUnder(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim().replace(/^`([^`]*)`$/, '$1')),
  );
}

describe('README code table', () => {
  const rows = tableUnder('Codes');
  const byCode = new Map(rows.map((row) => [row[0], row]));

  it('lists every registered code once and nothing else', () => {
    expect(rows.map((row) => row[0])).toEqual([...new Set(rows.map((row) => row[0]))]);
    expect([...byCode.keys()].sort()).toEqual([...errorCodes].sort());
  });

  it.each(errorCodes)('documents %s as the registry maps it', (code) => {
    const spec = errorRegistry[code];
    expect(byCode.get(code)).toEqual([code, spec.meaning, String(spec.closeCode), String(spec.httpStatus), spec.retry, spec.remedy]);
  });
});

describe('README close code table', () => {
  const rows = tableUnder('Close codes');

  it('lists every close code once and nothing else', () => {
    expect(rows.map((row) => Number(row[0])).sort()).toEqual(Object.values(CloseCode).sort());
  });

  it.each(Object.entries(CloseCode))('documents %s with its number and retry advice', (name, code) => {
    const row = rows.find((cells) => cells[1] === name);
    expect(row?.[0]).toBe(String(code));
    expect(row?.[3]).toBe(closeCodeRetryAdvice[code]);
  });
});

describe('README', () => {
  it('ends with a Caveats section', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings.at(-1)).toBe('Caveats');
  });
});
