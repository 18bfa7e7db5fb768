import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium through playwright-core against a real server with demo data.
// The demo is seeded once per run (global-setup.ts); each file's server starts on its own copy.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
