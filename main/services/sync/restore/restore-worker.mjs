// Starts the restoring thread when the app runs from its sources (CLI through tsx, tests, benches):
// the `redress` bundle's copy of restore-worker.ts while it is fresh, else the TypeScript through
// tsx (worker-bootstrap.mjs). The Electron build bundles restore-worker.ts to a file of this name
// beside its main bundle instead (scripts/build-electron.mjs), so restore-thread.ts finds it the
// same way there.
import { startWorker } from '../../files/worker-bootstrap.mjs';

await startWorker('restore-worker.mjs', import.meta.url);
