import { readFileSync } from 'node:fs';
import { serverEnvVariables } from '@proj/server';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README settings table', () => {
  it.each(serverEnvVariables)('documents %s', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});
