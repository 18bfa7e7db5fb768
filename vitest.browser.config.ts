import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium through playwright-core against a real server with demo data.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
