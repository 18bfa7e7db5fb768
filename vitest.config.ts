import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite per file is CPU-bound, more workers only thrash.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
