import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type ArchiveDb } from '../../../../db/open';
import { serveThread } from '../../files/thread-runner';
import { createHeapBudget } from '../../import/heap-budget';
import { applyInSteps, BACKGROUND_STEP_EVENTS } from '../apply-in-steps';
import type { SyncEngine } from '../transport/engine-port';
import { requireEnrollment } from '../transport/enroll';
import { pushThenPull, type SyncRunResult } from '../transport/exchange';
import { branchEngine } from '../transport/sync-run';
import type { CatchUpMessage, CatchUpWorkerData } from './catch-up-thread';

/**
 * The catch-up's thread (catch-up-thread.ts): its own connection to the archive, one sync through
 * the branch's engine, each apply step granted by the app's thread.
 */
const data = workerData as CatchUpWorkerData;
const post = (message: CatchUpMessage) => parentPort!.postMessage(message);

/** This connection's page cache, in KiB (the app's connection keeps its own 128 MiB). */
const CATCH_UP_CACHE_KIB = 16_384;
/** Heap budget and headroom (import/heap-budget.ts): a page or two of events and a step's cases. */
const HEAP_BUDGET_BYTES = 32 * 1024 * 1024;
const HEAP_HEADROOM_BYTES = 16 * 1024 * 1024;

let granted: (() => void) | null = null;
parentPort!.on('message', () => {
  const resolve = granted;
  granted = null;
  resolve?.();
});
/** Waits for the app's thread to grant the next step (its event loop is free: no write of its own waits). */
const turn = () =>
  new Promise<void>((resolve) => {
    granted = resolve;
    post({ type: 'turn' });
  });

async function run(): Promise<SyncRunResult> {
  let db: ArchiveDb | null = null;
  try {
    // The key arrives as the Uint8Array a structured clone makes of a Buffer.
    const key = data.open.key === null ? null : Buffer.from(data.open.key);
    db = openArchive({ ...data.open, key });
    db.$client.pragma(`cache_size = -${CATCH_UP_CACHE_KIB}`);
    const heapBudget = createHeapBudget(HEAP_BUDGET_BYTES, HEAP_HEADROOM_BYTES);
    const engine: SyncEngine = {
      ...branchEngine,
      // Before each push batch as before each apply step: the batches read, signed and sent leave
      // garbage that V8 would otherwise let pile up (docs/PERFORMANCE.md: a push of 23,000 events).
      collectOutgoing: (open, options) => {
        heapBudget.check();
        return branchEngine.collectOutgoing(open, options);
      },
      applyRemoteEvents: (open, events, now, files) =>
        applyInSteps(open, events, files, () => now, BACKGROUND_STEP_EVENTS, {
          parsed: true,
          stepMs: data.stepMs,
          beforeStep: turn,
          onStep: (step) => {
            heapBudget.check();
            post({ type: 'step', step });
          },
        }),
    };
    return await pushThenPull(db, requireEnrollment(db), engine, data.now);
  } finally {
    db?.$client.close();
  }
}

await serveThread(run);
