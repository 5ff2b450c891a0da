// Starts the import's reading thread from the TypeScript sources (CLI, tests, benches run them
// through tsx). The Electron build bundles row-worker.ts to a file of this name beside its main
// bundle instead (scripts/build-electron.mjs), so row-thread.ts finds it the same way there.
import { tsImport } from 'tsx/esm/api';

await tsImport('./row-worker.ts', import.meta.url);
