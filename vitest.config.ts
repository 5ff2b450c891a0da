import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Encrypted archives and child processes: give slow CI machines room, never hide failures.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
