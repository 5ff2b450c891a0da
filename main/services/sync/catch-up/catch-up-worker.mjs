// Starts the catch-up's thread from the TypeScript sources (CLI, tests, benches run them through
// tsx). The Electron build bundles catch-up-worker.ts to a file of this name beside its main bundle
// instead (scripts/build-electron.mjs), so catch-up-thread.ts finds it the same way there.
import { tsImport } from 'tsx/esm/api';

await tsImport('./catch-up-worker.ts', import.meta.url);
