import { setImmediate as turn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { runThread } from '../files/thread-runner';
import { workerFile } from '../files/worker-file';
import type { PreparedBatch, PrepareSetup } from './row-preparer';

/** What the reading thread posts besides its outcome (row-worker.ts; thread-runner.ts). */
export type BatchMessage = { type: 'batch'; batch: PreparedBatch };

/**
 * Batches the reading thread has ready beyond the one being written: enough that the writer never
 * waits for it while the reader is ahead, few enough that memory does not grow with the file.
 */
const AHEAD = 3;

/**
 * The file's prepared batches (row-preparer.ts), made on a worker thread: on a machine with two
 * cores reading, mapping, validating and sealing run beside the writes instead of between them
 * (docs/PERFORMANCE.md, Import). The caller's thread only writes. The thread starts through
 * thread-runner.ts like the restore's (none of the parent's command-line options, errors revived as
 * they were thrown there); a cancelled import (`signal`) and an early return end it, and an error
 * on it arrives here as the AppError it was.
 */
export async function* prepareOnWorker(
  setup: PrepareSetup,
  signal?: AbortSignal,
): AsyncGenerator<PreparedBatch> {
  const queue: PreparedBatch[] = [];
  let thread: Worker | null = null;
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const stop = new AbortController();
  const onAbort = () => stop.abort(new AppError('CANCELLED', 'import cancelled while reading'));
  signal?.addEventListener('abort', onAbort);
  const outcome = runThread<void, BatchMessage>({
    file: workerFile('row-worker.mjs', import.meta.url),
    workerData: { setup, ahead: AHEAD },
    name: 'the import reading thread',
    // A small young generation: this thread's garbage is short-lived rows (memory: row-worker.ts).
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
    stop: stop.signal,
    onMessage: (message, worker) => {
      thread = worker;
      queue.push(message.batch);
      notify();
    },
  }).then(
    () => {
      finished = true;
      notify();
    },
    (error: unknown) => {
      failure = error;
      notify();
    },
  );
  try {
    for (;;) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'import cancelled while reading');
      const batch = queue.shift();
      if (batch === undefined) {
        if (failure !== null) throw failure;
        if (finished) throw new Error('the import reading thread ended without its last batch');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      yield batch;
      if (batch.sha256 !== undefined) return;
      thread!.postMessage('next');
      // A turn of the event loop between batches, even when the next is already here: IPC calls
      // (a cancel among them) and the window are served while an import runs.
      await turn();
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stop.abort();
    await outcome; // the thread has ended
  }
}
