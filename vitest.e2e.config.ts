import { defineConfig } from 'vitest/config';

// The end-to-end suite (issue #4, test/e2e/README.md): one namespace with real daemons, so one file at a time in
// one forked worker, and timeouts long enough for the world to start and for Postfix to try every MX.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
    // .ci/run prints one "N passed, N failed" line from this file and the unit tests' one.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/e2e-results.json' },
  },
});
