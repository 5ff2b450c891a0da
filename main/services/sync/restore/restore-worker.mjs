// Starts the restoring thread from the TypeScript sources (CLI, tests, benches run them through
// tsx). The Electron build bundles restore-worker.ts to a file of this name beside its main bundle
// instead (scripts/build-electron.mjs), so restore-thread.ts finds it the same way there.
import { tsImport } from 'tsx/esm/api';

await tsImport('./restore-worker.ts', import.meta.url);
