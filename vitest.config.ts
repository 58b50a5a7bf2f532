import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'scrapers/**/*.test.ts'],
    // Builds dist/ when a source is newer: bin/spo.js, which the tests run, runs the compiled code.
    globalSetup: ['test/helpers/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Crawls against the replica and the browser test are heavy on a 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
