import { reopenOptions, type ArchiveDb, type OpenArchiveOptions } from '../../../../db/open';
import { runThread } from '../../files/thread-runner';
import { workerFile } from '../../files/worker-file';
import type { SyncRunResult } from '../transport/exchange';

export interface CatchUpThreadOptions {
  /** The thread's module (default `catch-up-worker.mjs` beside this one); benches pass the bundle. */
  workerUrl?: URL;
  /** Work per step on the thread (default CATCH_UP_STEP_MS). */
  stepMs?: number;
  /** Told after each step how many events it took and how long it held the archive's write lock. */
  onStep?: (step: { events: number; ms: number }) => void;
}

/** What the catch-up's thread is given (catch-up-worker.ts). */
export interface CatchUpWorkerData {
  open: OpenArchiveOptions;
  now: number;
  stepMs: number;
}

/** What the thread posts besides its outcome (thread-runner.ts): a request for its next step, a step done. */
export type CatchUpMessage = { type: 'turn' } | { type: 'step'; step: { events: number; ms: number } };

/**
 * A step on the catch-up's thread holds the archive's write lock this long at most (plus its
 * commit). The app's thread no longer runs it, so the step is not what the clerk's screen waits
 * for; a write of the clerk that arrives meanwhile is (SQLite's busy wait: it retries at 1, 3, 8,
 * 18, 33, 53 … ms). 50 ms keeps that wait within the 100 ms target with room, and takes 40 % fewer
 * commits than the 30 ms steps that had to share the app's thread.
 */
export const CATCH_UP_STEP_MS = 50;

/**
 * A sync (push, then pull and apply) on a worker thread with its own connection to the archive
 * (WAL: the app's connection reads and writes meanwhile). Its whole CPU (reading and signing the
 * pushes, HTTPS, JSON, chain checks, the case projection through the case writer) is off the app's
 * thread. The apply is the same code as on the app's thread (apply-in-steps.ts → apply-remote.ts
 * `applyStep`), one transaction per step, so a crash between steps loses nothing and applies
 * nothing twice. Each step waits for a grant from this thread (`turn` → `go`): a grant is given
 * only while this thread's event loop runs, i.e. never while one of its own writes is waiting for
 * the lock, so the clerk's write goes in between two steps instead of losing the race to the next
 * one. Returns null when `db` cannot be opened twice (read-only or unkeyed): the caller syncs on its
 * own thread.
 */
export async function syncOnThread(
  db: ArchiveDb,
  now: number,
  options: CatchUpThreadOptions = {},
): Promise<SyncRunResult | null> {
  const open = reopenOptions(db);
  if (!open) return null;
  const data: CatchUpWorkerData = { open, now, stepMs: options.stepMs ?? CATCH_UP_STEP_MS };
  return runThread<SyncRunResult, CatchUpMessage>({
    file: options.workerUrl ?? workerFile('catch-up-worker.mjs', import.meta.url),
    workerData: data,
    name: 'the catch-up thread',
    // Its garbage is pages and rows that live for one step (as the restore's thread).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    onMessage: (message, worker) => {
      if (message.type === 'turn') worker.postMessage('go');
      else options.onStep?.(message.step);
    },
  });
}
