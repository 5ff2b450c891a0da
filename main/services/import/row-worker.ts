import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors';
import { createHeapBudget } from './heap-budget';
import { prepareBatches, type PrepareSetup } from './row-preparer';
import type { WorkerMessage } from './row-thread';

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
 * This thread's heap budget (heap-budget.ts). Its live data is the file's external ids (seen once
 * each) and a few batches; the rest is per-row garbage, collected before it takes the import past
 * its memory budget together with the writing thread's heap and SQLite's cache.
 */
const WORKER_HEAP_BUDGET_BYTES = 64 * 1024 * 1024;

const post = (message: WorkerMessage) => port.postMessage(message);

async function run(): Promise<void> {
  const heapBudget = createHeapBudget(WORKER_HEAP_BUDGET_BYTES);
  try {
    for await (const batch of prepareBatches(setup)) {
      post({ type: 'batch', batch });
      heapBudget.check();
      if (++unanswered >= ahead) await new Promise<void>((r) => (resume = r));
    }
  } catch (error) {
    post({
      type: 'error',
      error: isAppError(error)
        ? { code: error.code, message: error.message, fields: error.fields, params: error.params }
        : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    });
  }
}

await run();
