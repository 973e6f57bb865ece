import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The JSON file lets .ci/run print a one-line "N passed, N failed" total.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/test-results.json' },
  },
});
