import type { ArchiveDb } from '../../../db/open';
import type { TerminalRepairPhase } from '../../../shared/ipc/channels/sync';
import type { SyncRunResult } from './transport/exchange';
import { syncNow } from './transport/sync-run';

/** What the status card shows beyond the archive's own record: the loop's plan and last failure. */
export interface SyncMonitor {
  inFlight: Promise<SyncRunResult> | null;
  nextAttemptAt: number | null;
  /** The error object, so it can be put in words in whichever language asks. */
  lastFailure: unknown;
  /** A restore from head office after a `restore` enrollment (restore-in-app.ts), while and after it runs. */
  restore: RestoreProgress | null;
  /** The step of a terminal repair under way (sync-app.service.ts `repairTerminalFor`). */
  terminalRepair: TerminalRepairPhase | null;
}

export interface RestoreProgress {
  applied: number;
  casesChanged: number;
  startedAt: number;
  finishedAt: number | null;
  /** Set when it failed; the background sync then carries on where it stopped. */
  failure: unknown;
}

const monitors = new WeakMap<ArchiveDb, SyncMonitor>();

export function monitorFor(db: ArchiveDb): SyncMonitor {
  let monitor = monitors.get(db);
  if (!monitor) {
    monitor = { inFlight: null, nextAttemptAt: null, lastFailure: null, restore: null, terminalRepair: null };
    monitors.set(db, monitor);
  }
  return monitor;
}

export type SyncRunner = (db: ArchiveDb, now: number) => Promise<SyncRunResult>;

/**
 * One sync at a time per archive: "sync now" pressed while the background loop runs joins that run
 * instead of pushing the same events twice.
 */
export function runSyncOnce(db: ArchiveDb, now: number, run: SyncRunner = syncNow): Promise<SyncRunResult> {
  const monitor = monitorFor(db);
  if (monitor.inFlight) return monitor.inFlight;
  // syncNow refuses an unenrolled archive synchronously; that too must land in lastFailure.
  const attempt = new Promise<SyncRunResult>((resolve) => resolve(run(db, now))).then(
    (result) => {
      monitor.lastFailure = null;
      return result;
    },
    (error: unknown) => {
      monitor.lastFailure = error;
      throw error;
    },
  );
  monitor.inFlight = attempt;
  const clear = () => {
    if (monitor.inFlight === attempt) monitor.inFlight = null;
  };
  attempt.then(clear, clear);
  return attempt;
}
