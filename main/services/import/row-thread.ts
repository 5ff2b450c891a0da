import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { workerFile } from '../files/worker-file';
import type { PreparedBatch, PrepareSetup } from './row-preparer';

/** What the reading thread posts (row-worker.ts). */
export type WorkerMessage =
  | { type: 'batch'; batch: PreparedBatch }
  | {
      type: 'error';
      error: {
        code?: ErrorCode;
        message: string;
        fields?: Record<string, string>;
        params?: Record<string, string | number>;
      };
    };

/**
 * Batches the reading thread has ready beyond the one being written: enough that the writer never
 * waits for it while the reader is ahead, few enough that memory does not grow with the file.
 */
const AHEAD = 3;

/**
 * The file's prepared batches (row-preparer.ts), made on a worker thread: on a machine with two
 * cores reading, mapping, validating and sealing run beside the writes instead of between them
 * (docs/PERFORMANCE.md, Import). The caller's thread only writes. A cancelled import (`signal`) and
 * an early return end the thread; an error on it arrives here as the AppError it was.
 */
export async function* prepareOnWorker(
  setup: PrepareSetup,
  signal?: AbortSignal,
): AsyncGenerator<PreparedBatch> {
  const worker = new Worker(workerFile('row-worker.mjs', import.meta.url), {
    workerData: { setup, ahead: AHEAD },
    // A small young generation: this thread's garbage is short-lived rows (memory: row-worker.ts).
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  const queue: WorkerMessage[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', notify);
  const onAbort = () => notify();
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'import cancelled while reading');
      const message = queue.shift();
      if (message === undefined) {
        if (failure !== null) throw failure;
        if (worker.threadId === -1) throw new Error('the import reading thread ended early');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'error') throw revive(message.error);
      yield message.batch;
      if (message.batch.sha256 !== undefined) return;
      worker.postMessage('next');
      // A turn of the event loop between batches, even when the next is already here: IPC calls
      // (a cancel among them) and the window are served while an import runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}

function revive(error: Extract<WorkerMessage, { type: 'error' }>['error']): Error {
  if (error.code === undefined) return new Error(error.message);
  return new AppError(error.code, error.message, { fields: error.fields, params: error.params });
}
