import { defineConfig } from 'vitest/config';

/**
 * End-to-end suite: the headless host in-process on a temp archive, driven by Debian's Chromium
 * through playwright-core. Two files at a time, each in its own fork with its own host, browser and
 * temp folder: most of a file's time is waiting on the page, and since the first runs stretch
 * passwords with TEST_SCRYPT (e2e-env.ts) no file holds a core for seconds of scrypt. The whole
 * suite passed this way at load 12–16 on 2 cores (docs/PERFORMANCE.md "CI time").
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
    // One file at a time: two at once saved ~2 min but let grid polls time out under load (lead's
    // CI run of 90473e4: two grid tests failed that pass alone and in one-at-a-time runs).
    maxWorkers: 1,
  },
});
