import type { ArchiveDb } from '../../../db/open';
import { startSearchIndexing } from '../cases/search-index';
import { monitorFor, runSyncOnce, type RestoreProgress } from './sync-monitor';
import { countingEngine, restoreEngine, restoreFromHq } from './transport/sync-run';
import type { ApplyTotals } from './transport/engine-port';
import { readProgress } from './transport/sync-state';

/**
 * A new PC enrolled with "restore this branch's cases" (issue 15 item 7): the same pull as
 * `redress sync enroll --restore` (restoreFromHq), started in the background so the enrollment
 * answers at once; the sync screen shows its progress from the monitor. It takes the monitor's one
 * sync slot, so the background loop and "sync now" join it instead of pulling the same pages.
 * Once it is done the restored cases are indexed for search in the background, as after an import
 * (search-index.ts; searches scan them meanwhile and the top bar says the index is catching up).
 */
export function startRestore(db: ArchiveDb, clock: () => number): Promise<void> {
  const now = clock();
  const monitor = monitorFor(db);
  const progress: RestoreProgress = {
    applied: 0,
    casesChanged: 0,
    startedAt: now,
    finishedAt: null,
    failure: null,
  };
  monitor.restore = progress;
  const count = (totals: ApplyTotals) => {
    progress.applied += totals.applied;
    progress.casesChanged += totals.casesChanged;
  };
  // Page by page the engine counts; a bulk restore into the new PC's empty archive reports itself.
  const engine = countingEngine(restoreEngine, count);
  // Every case is in when the restore says so; the check of HQ's rows that follows
  // (restore/restore-check.ts) runs in the background while the clerk works. The full-text index
  // waits for the check (which may rewrite rows; both would take the write lock and the cores),
  // and searches scan the waiting cases meanwhile.
  const restored = () => {
    if (monitor.restore?.finishedAt === null) monitor.restore = { ...progress, finishedAt: clock() };
  };
  const run = runSyncOnce(db, now, async (runDb, runNow) => {
    const totals = await restoreFromHq(runDb, runNow, engine, { onApplied: count, onRestored: restored });
    return { ...totals, pushed: 0, duplicates: 0, ackedSeq: readProgress(runDb).ackedSeq };
  });
  return run.then(
    () => {
      restored();
      void startSearchIndexing(db);
    },
    (error: unknown) => {
      monitor.restore = { ...progress, finishedAt: clock(), failure: error };
    },
  );
}
