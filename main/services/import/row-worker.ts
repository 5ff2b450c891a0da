import { parentPort, workerData } from 'node:worker_threads';
import { serveThread } from '../files/thread-runner';
import { createHeapBudget } from './heap-budget';
import { prepareBatches, type PrepareSetup } from './row-preparer';
import type { BatchMessage } from './row-thread';

/**
 * The import's reading thread: reads, maps, validates and seals the file's rows (row-preparer.ts)
 * and posts them in batches to the thread that writes (row-thread.ts), at most `ahead` batches
 * before it has taken them, so memory stays bounded whatever the file's size.
 */
const { setup, ahead } = workerData as { setup: PrepareSetup; ahead: number };
const port = parentPort!;
let unanswered = 0;
let resume: (() => void) | null = null;
port.on('message', () => {
  unanswered--;
  resume?.();
  resume = null;
});

/**
 * This thread's heap budget and headroom (heap-budget.ts). Its live data is the file's external ids
 * (seen once each: ~50 MB at 1M rows) and a few batches; the rest is per-row garbage, collected
 * early so that this heap, the writing thread's and SQLite's cache stay within the import's 500 MB
 * (with the writing thread's budget alone this thread took a 1M-row import to 606 MB).
 */
const WORKER_HEAP_BUDGET_BYTES = 32 * 1024 * 1024;
const WORKER_HEADROOM_BYTES = 16 * 1024 * 1024;

const post = (message: BatchMessage) => port.postMessage(message);

async function run(): Promise<void> {
  const heapBudget = createHeapBudget(WORKER_HEAP_BUDGET_BYTES, WORKER_HEADROOM_BYTES, {
    releasePages: true,
  });
  for await (const batch of prepareBatches(setup)) {
    post({ type: 'batch', batch });
    heapBudget.check();
    if (++unanswered >= ahead) await new Promise<void>((r) => (resume = r));
  }
}

await serveThread(run);
