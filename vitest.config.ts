import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites that start QEMU, editors or browsers are heavy; two cores.
    maxConcurrency: 4,
    pool: 'forks',
  },
});
