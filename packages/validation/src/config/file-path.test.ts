import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existingDirectory, existingFile } from './file-path.js';

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
