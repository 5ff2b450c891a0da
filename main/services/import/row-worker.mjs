// Starts the import's reading thread when the app runs from its sources (CLI through tsx, tests,
// benches): the `redress` bundle's copy of row-worker.ts while it is fresh, else the TypeScript
// through tsx (worker-bootstrap.mjs). The Electron build bundles row-worker.ts to a file of this
// name beside its main bundle instead (scripts/build-electron.mjs), so row-thread.ts finds it the
// same way there.
import { startWorker } from '../files/worker-bootstrap.mjs';

await startWorker('row-worker.mjs', import.meta.url);
