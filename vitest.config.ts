import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The CLI tests run bin/redress.js on its bundle, built first when the sources changed; the HQ
    // tests share one PostgreSQL server, started when the first of them asks for it.
    globalSetup: ['test/setup/cli-bundle.ts', 'test/setup/shared-postgres.ts'],
    // Encrypted archives and child processes: give slow CI machines room, never hide failures.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest defaults to cores − 1 workers: one on a 2-core CI machine, where much of the test time
    // waits on child processes (the CLI, HQ, PostgreSQL). Two forks keep both cores busy.
    maxWorkers: 2,
  },
});
