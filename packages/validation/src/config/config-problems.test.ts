import { describe, expect, it } from 'vitest';
import { ConfigProblems } from './config-problems.js';
import { loadConfig } from './load-config.js';
import { port } from './integer.js';
import { z } from 'zod';

describe('ConfigProblems', () => {
  it('lists problems of several loaders under one prefix', () => {
    const problems = new ConfigProblems();
    problems.attempt(() => loadConfig(z.object({ PORT: port() }), { PORT: 'abc' }));
    problems.attempt(() => loadConfig(z.object({ METRICS_PORT: port() }), { METRICS_PORT: '99999' }));
    problems.add('ALLOWED_ORIGINS is required');

    expect(() => problems.throwIfAny()).toThrow(
      expect.objectContaining({
        code: 'ERR_CONFIG_INVALID',
        message: expect.stringMatching(/^invalid configuration: PORT: .+; METRICS_PORT: .+; ALLOWED_ORIGINS is required$/),
      }),
    );
  });

  it('rethrows errors of other codes', () => {
    const problems = new ConfigProblems();
    expect(() => problems.attempt(() => { throw new TypeError('bug'); })).toThrow(TypeError);
    expect(problems.isEmpty).toBe(true);
  });
});
