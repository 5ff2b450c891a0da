import { reopenOptions, type ArchiveDb, type OpenArchiveOptions } from '../../../../db/open';
import { workerFile } from '../../files/worker-file';
import { toThreadError, type ThreadError } from '../../files/thread-error';
import { runThread } from '../../files/thread-runner';
import type { ApplyTotals } from '../transport/engine-port';
import type { BulkRestoreOptions, RestoreStep } from './bulk-restore';

export { toThreadError, type ThreadError };

export interface RestoreThreadOptions extends BulkRestoreOptions {
  /**
   * The thread's module: by default `restore-worker.mjs` beside this one (in the sources a tsx
   * bootstrap that compiles the TypeScript on the thread; in the Electron build the bundle). The
   * restore bench passes such a bundle, to measure what the app runs.
   */
  workerUrl?: URL;
}

/** What the restoring thread is given (restore-worker.ts). */
export interface RestoreWorkerData {
  open: OpenArchiveOptions;
  now: number;
  stepMs?: number;
}

/** What the restoring thread posts besides its outcome (thread-runner.ts). */
export type RestoreMessage = { type: 'applied'; totals: ApplyTotals } | { type: 'step'; step: RestoreStep };

/**
 * A bulk restore (bulk-restore.ts) on a worker thread with its own connection to the same archive
 * (WAL: the app's connection reads meanwhile). The restore's whole CPU (the HTTPS pages, JSON, chain
 * checks, inserts, the projection, the index builds) runs there, so the caller's event loop (the
 * app's main process, its IPC) is never held by it: an index build over a million events takes
 * seconds and cannot be cut into steps. Returns null when `db` cannot be opened twice (a read-only
 * or unkeyed connection): the caller then restores on its own thread. Progress arrives through
 * `options.onApplied` / `onStep` as on the caller's thread. A crash or SIGKILL of the process ends
 * the thread with it; the restore's marker makes the next run resume (bulk-restore.ts).
 */
export async function restoreOnThread(
  db: ArchiveDb,
  now: number,
  options: RestoreThreadOptions = {},
): Promise<ApplyTotals | null> {
  const open = reopenOptions(db);
  if (!open) return null;
  const data: RestoreWorkerData = { open, now, stepMs: options.stepMs };
  return runThread<ApplyTotals, RestoreMessage>({
    file: options.workerUrl ?? workerFile('restore-worker.mjs', import.meta.url),
    workerData: data,
    name: 'the restoring thread',
    // A small young generation: the thread's garbage is pages and rows that live for one step.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    onMessage: (message) => {
      if (message.type === 'applied') options.onApplied?.(message.totals);
      else options.onStep?.(message.step);
    },
  });
}
