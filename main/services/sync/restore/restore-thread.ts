import { reopenOptions, type ArchiveDb, type OpenArchiveOptions } from '../../../../db/open';
import { workerFile } from '../../files/worker-file';
import { toThreadError, type ThreadError } from '../../files/thread-error';
import { runThread } from '../../files/thread-runner';
import type { ApplyTotals } from '../transport/engine-port';
import type { BulkRestoreOptions, RestoreStep, RestoreTotals } from './bulk-restore';

export { toThreadError, type ThreadError };

export interface RestoreThreadOptions extends BulkRestoreOptions {
  /**
   * The thread's module: by default `restore-worker.mjs` beside this one (in the sources a tsx
   * bootstrap that compiles the TypeScript on the thread; in the Electron build the bundle). The
   * restore bench passes such a bundle, to measure what the app runs.
   */
  workerUrl?: URL;
  /** The thread's young generation, MB (default RESTORE_YOUNG_GENERATION_MB; benches compare). */
  youngGenerationMb?: number;
  /**
   * Take HQ's projected case rows and check them afterwards (default), or fold every case here
   * (false: benches and tests compare the two).
   */
  hqRows?: boolean;
}

/**
 * The thread's young generation, MB. A page's events live for the whole step that stores them
 * (~2 MB of text and objects for 2,000 events) while the step makes several times that in
 * short-lived strings (hash bodies, rows bound), and the young generation is resident for the whole
 * restore, which may add at most 100 MB to the app (issue 15). V8 makes its two semi-spaces a third
 * of this each, rounded up to a power of two: 16 or 24 MB hold two 8 MB semi-spaces (16 MB
 * resident), 8 or 12 MB two of 4 MB. 12 MB: the first restore of a process adds ~15 MB less than
 * with 16 (the old generation is smaller too), for +4 to +11 % of the PC's CPU at 10,000 cases,
 * mostly V8's GC helper threads (docs/PERFORMANCE.md, restore, session 13; 32 MB was ~16 % cheaper
 * in CPU than 8 in session 8). The heap budget counts the old generation only (restore-worker.ts),
 * so a full young generation does not call for a full collection.
 */
export const RESTORE_YOUNG_GENERATION_MB = 12;

/** What the restoring thread is given (restore-worker.ts). */
export interface RestoreWorkerData {
  open: OpenArchiveOptions;
  now: number;
  stepMs?: number;
  historyLiveFromRows?: number;
  hqRows: boolean;
  checkPause?: number;
}

/** What the restoring thread posts besides its outcome (thread-runner.ts). */
export type RestoreMessage =
  | { type: 'applied'; totals: ApplyTotals }
  | { type: 'step'; step: RestoreStep }
  | { type: 'restored'; totals: ApplyTotals };

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
): Promise<RestoreTotals | null> {
  const open = reopenOptions(db);
  if (!open) return null;
  const data: RestoreWorkerData = {
    open,
    now,
    stepMs: options.stepMs,
    historyLiveFromRows: options.historyLiveFromRows,
    hqRows: options.hqRows ?? true,
    checkPause: options.checkPause,
  };
  return runThread<RestoreTotals, RestoreMessage>({
    file: options.workerUrl ?? workerFile('restore-worker.mjs', import.meta.url),
    workerData: data,
    name: 'the restoring thread',
    resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? RESTORE_YOUNG_GENERATION_MB },
    onMessage: (message) => {
      if (message.type === 'applied') options.onApplied?.(message.totals);
      else if (message.type === 'restored') options.onRestored?.(message.totals);
      else options.onStep?.(message.step);
    },
  });
}
