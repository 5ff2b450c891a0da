// Starts the restore's page fetcher from the TypeScript sources (as restore-worker.mjs); the
// Electron build bundles restore-fetch-worker.ts to a file of this name (scripts/build-electron.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./restore-fetch-worker.ts', import.meta.url);
