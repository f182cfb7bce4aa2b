import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the
// `@proj/source` export condition, so `vitest run` needs no build of the
// libraries. App tests start the built apps as child processes instead.
const sourceConditions = ['@proj/source', 'module', 'node', 'development|production'];

const project = (dir: string) => ({
  extends: true as const,
  test: {
    name: dir.split('/')[1] ?? dir,
    root: dir,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

export default defineConfig({
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    projects: [
      project('packages/errors'),
      project('packages/validation'),
      project('packages/logger'),
      project('packages/auth'),
      project('packages/server'),
      project('apps/echo-server'),
      project('apps/secure-server'),
      project('tools/attack-suite'),
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
