import { defineConfig } from 'vitest/config';

/**
 * Files that change process-wide state a later file in the same process would see: spies on
 * console or v8, V8 flags, fake timers, the app state's locale. They keep a fresh process each.
 */
const PROCESS_STATE = [
  'test/renderer/branch-today.test.ts',
  'test/services/audit/access-log.test.ts',
  'test/services/import/heap-budget.test.ts',
  'test/services/archive/preferences.test.ts',
  'test/services/analytics/fact-warmup.test.ts',
  'test/services/analytics/fact-warmup-ipc.test.ts',
];

/**
 * Folders whose files only use the app's modules on archives, HQs and databases of their own. The
 * app's module state is kept per database connection (WeakMaps keyed by it), as the app itself
 * runs several archives in one process, so these files can share a process and its loaded
 * modules: a fork is started, and the modules loaded, once per worker instead of once per file
 * (~0.7 CPU s a file). Proven independent by runs in shuffled file order (docs/PERFORMANCE.md "CI
 * time, session 12" for the first six, "CI time, session 13" for test/services).
 */
const SHARED_PROCESS = [
  'test/shared',
  'test/db',
  'test/hq',
  'test/renderer',
  'test/docs',
  'test/bench',
  'test/services',
];

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];
const EXCLUDE = ['test/e2e/**', 'node_modules/**'];

export default defineConfig({
  test: {
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
    // Every test file is in exactly one of these: a file in a SHARED_PROCESS folder runs in the
    // first unless PROCESS_STATE names it; every other file gets a process of its own.
    projects: [
      {
        extends: true,
        test: {
          name: 'shared-process',
          include: SHARED_PROCESS.flatMap((folder) => TEST_FILES.map((pattern) => `${folder}/${pattern}`)),
          exclude: [...EXCLUDE, ...PROCESS_STATE],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'process-state', include: PROCESS_STATE, exclude: EXCLUDE },
      },
      {
        // The services, CLI, crash, IPC, host and Electron tests (and any folder not listed above).
        extends: true,
        test: {
          name: 'own-process',
          include: TEST_FILES.map((pattern) => `test/${pattern}`),
          exclude: [...EXCLUDE, ...PROCESS_STATE, ...SHARED_PROCESS.map((folder) => `${folder}/**`)],
        },
      },
    ],
  },
});
