import { parentPort, Worker, type ResourceLimits } from 'node:worker_threads';
import { reviveThreadError, toThreadError, type ThreadError } from './thread-error';

/** What every worker thread of ours posts last: its result, or its failure. */
export type ThreadOutcome<T> = { type: 'done'; result: T } | { type: 'error'; error: ThreadError };

export interface ThreadStart<M> {
  /** The worker's module file (worker-file.ts `workerFile`, or a bundle a bench passes). */
  file: string | URL;
  workerData: unknown;
  /** Named in the error when the thread ends without an outcome. */
  name: string;
  /** Every message but the outcome; `worker` to answer on. */
  onMessage?: (message: M, worker: Worker) => void;
  resourceLimits?: ResourceLimits;
  /** Ends the thread when aborted: the promise rejects with the signal's reason (a cancel, a consumer gone). */
  stop?: AbortSignal;
}

/**
 * Runs a worker thread (the restore's, the catch-up's, the import's reading thread) to its outcome: resolves
 * with the `done` message's result, rejects with the error the thread would have thrown had the
 * work run here (thread-error.ts), or with an early end. The thread is ended either way.
 */
export async function runThread<T, M extends { type: string }>(start: ThreadStart<M>): Promise<T> {
  const worker = new Worker(start.file, {
    workerData: start.workerData,
    resourceLimits: start.resourceLimits,
    // None of the parent's command-line options: the thread's module brings what it needs (the
    // sources' bootstrap loads tsx itself). Inherited, a parent's `--import tsx` (benches, tests,
    // `npm run dev`) loaded tsx's loader into the thread too: ~15 MB the packaged app's thread
    // does not hold (docs/PERFORMANCE.md, restore, session 9).
    execArgv: [],
  });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.on('message', (message: M | ThreadOutcome<T>) => {
        if (message.type === 'done') resolve((message as { result: T }).result);
        else if (message.type === 'error')
          reject(reviveThreadError((message as { error: ThreadError }).error));
        else start.onMessage?.(message as M, worker);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`${start.name} ended early (exit code ${code})`)));
      const stop = start.stop;
      if (stop?.aborted) reject(stop.reason);
      else stop?.addEventListener('abort', () => reject(stop.reason), { once: true });
    });
  } finally {
    await worker.terminate();
  }
}

/** On the worker thread: runs `work` and posts its outcome to the thread that started it. */
export async function serveThread<T>(work: () => Promise<T>): Promise<void> {
  let outcome: ThreadOutcome<T>;
  try {
    outcome = { type: 'done', result: await work() };
  } catch (error) {
    outcome = { type: 'error', error: toThreadError(error) };
  }
  parentPort!.postMessage(outcome);
}
