import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'scrapers/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Crawls against the replica and the browser test are heavy on a 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
