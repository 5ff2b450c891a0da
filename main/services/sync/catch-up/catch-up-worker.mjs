// Starts the catch-up's thread when the app runs from its sources (CLI through tsx, tests, benches):
// the `redress` bundle's copy of catch-up-worker.ts while it is fresh, else the TypeScript through
// tsx (worker-bootstrap.mjs). The Electron build bundles catch-up-worker.ts to a file of this name
// beside its main bundle instead (scripts/build-electron.mjs), so catch-up-thread.ts finds it the
// same way there.
import { startWorker } from '../../files/worker-bootstrap.mjs';

await startWorker('catch-up-worker.mjs', import.meta.url);
