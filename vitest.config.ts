import { configDefaults, defineConfig } from 'vitest/config';

/** Pure, in-memory tests: they share one module graph instead of loading monc once per file. */
const SHARED_MODULES = ['test/checks/**/*.test.ts', 'test/emit/*.unit.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'in-memory', include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SHARED_MODULES] } },
    ],
  },
});
