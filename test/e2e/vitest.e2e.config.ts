import { defineConfig } from 'vitest/config';

/**
 * End-to-end suite: the headless host in-process on a temp archive, driven by Debian's Chromium
 * through playwright-core. One fork, one file at a time: a browser and scrypt are heavy on 2 cores.
 * Run after `npm run build:renderer` (`npm run test:e2e` does both).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // The HQ journeys share one PostgreSQL server, started when the first of them asks for it.
    globalSetup: ['test/setup/shared-postgres.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Sign-in runs scrypt and the grid pages from the server: give polls real time, not 1 s.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
