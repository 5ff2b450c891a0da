import { defineConfig } from 'vitest/config';

/**
 * End-to-end suite: the headless host in-process on a temp archive, driven by Debian's Chromium
 * through playwright-core. Two files at a time, each in its own fork with its own host, browser and
 * temp folder: most of a file's time is waiting on the page (one file at a time used ~0.8 of CI's 2
 * cores), and since the first runs stretch passwords with TEST_SCRYPT (e2e-env.ts) no file holds a
 * core for seconds of scrypt. Polls and Playwright's waits get 60 s, not 30: with two files and
 * other work on 2 cores a page can take that long to reach a state it reaches in 1 s alone, and a
 * longer limit costs a passing test nothing (docs/PERFORMANCE.md "CI time, session 12").
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
    expect: { poll: { timeout: 60_000, interval: 100 } },
    pool: 'forks',
    maxWorkers: 2,
  },
});
