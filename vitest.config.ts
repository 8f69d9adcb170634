import { configDefaults, defineConfig } from 'vitest/config';

/** Pure, in-memory tests: they share one module graph instead of loading monc once per file. */
const SHARED_MODULES = ['test/checks/**/*.test.ts', 'test/emit/*.unit.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // Two files at once even on two cores: many tests wait on promtool, Prometheus or
    // Alertmanager rather than compute, so one worker (the default there) leaves a core idle.
    maxWorkers: 2,
    // Limits for a hang, not for speed: a promtool-heavy test sharing the cores can take
    // twice its time alone.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Every file removes the temporary folders it made (test/helpers/temporary-folders.ts).
    setupFiles: ['test/helpers/setup.ts'],
    projects: [
      { extends: true, test: { name: 'in-memory', include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SHARED_MODULES] } },
    ],
  },
});
