import type { ArchiveDb } from '../../../../db/open';
import { getInstallationId } from '../../../../db/repos/history.repo';
import { applyInSteps, BACKGROUND_STEP_EVENTS } from '../apply-in-steps';
import { collectOutgoing, ownHeadSeq } from '../outgoing';
import { canRestoreInBulk, readRestoreMarker, restoreInBulk } from '../restore/bulk-restore';
import { restoreOnThread, type RestoreThreadOptions } from '../restore/restore-thread';
import { hqCaseRowPages } from '../restore/hq-case-rows';
import { readCheckMarker, restoreCheckStatus, type RestoreCheckStatus } from '../restore/restore-check';
import type { CatchUpThreadOptions } from '../catch-up/catch-up-thread';
import { syncBySize } from '../catch-up/sync-by-size';
import type { ApplyTotals, SyncEngine } from './engine-port';
import { requireEnrollment } from './enroll';
import { pullAll, pushThenPull, type SyncRunResult } from './exchange';
import { readEnrollment, readLastReceipt, readProgress, updateProgress } from './sync-state';
import { needsBranchPiiKey } from '../../keyring/branch-pii-hint';
import { historyMark, reportSettling } from './settling-report';
import { listHeldCases, refuseHeldCaseNumbers, type HeldCase } from '../held-case-numbers';
import { recordedFailure } from '../sync-words';

/** The branch's sync engine (main/services/sync/) as the transport calls it. */
export const branchEngine: SyncEngine = {
  collectOutgoing(db, options) {
    const batch = collectOutgoing(db, options);
    return { events: batch.events, attachments: batch.attachments ?? [] };
  },
  // A pulled page (up to 5,000 events, parsed by the client) in time-sliced transactions: the
  // clerk's screen stays live.
  applyRemoteEvents: (db, events, now, files) =>
    applyInSteps(db, events, files, () => now, BACKGROUND_STEP_EVENTS, { parsed: true }),
  ownHeadSeq,
};

/**
 * Restoring a lost PC: nobody works on it yet, so each page goes in larger steps (fewer commits);
 * the event loop is still given back between them (the CLI prints progress, the app stays live).
 */
const RESTORE_STEP_MS = 250;
export const restoreEngine: SyncEngine = {
  ...branchEngine,
  applyRemoteEvents: (db, events, now, files) =>
    applyInSteps(db, events, files, () => now, BACKGROUND_STEP_EVENTS, {
      parsed: true,
      stepMs: RESTORE_STEP_MS,
    }),
};

/** An engine that reports what each applied step brought (the app's restore progress). */
export function countingEngine(engine: SyncEngine, onApplied: (totals: ApplyTotals) => void): SyncEngine {
  return {
    ...engine,
    async applyRemoteEvents(db, events, now, files) {
      const totals = await engine.applyRemoteEvents(db, events, now, files);
      onApplied(totals);
      return totals;
    },
  };
}

/**
 * `redress sync now` and the app's "sync now": push, then pull, through the enrolled HQ. A restore
 * that was interrupted (restore/bulk-restore.ts) is finished first. With the branch's engine a
 * backlog runs on the catch-up's own thread (catch-up/sync-by-size.ts); an engine a caller passes
 * (tests, counting wrappers) runs here, as given.
 */
export async function syncNow(
  db: ArchiveDb,
  now: number,
  engine: SyncEngine = branchEngine,
  thread: CatchUpThreadOptions = {},
): Promise<SyncRunResult> {
  if (readRestoreMarker(db) || readCheckMarker(db)) await restoreFromHq(db, now);
  const state = requireEnrollment(db);
  const mark = historyMark(db);
  const result =
    engine !== branchEngine
      ? await pushThenPull(db, state, engine, now)
      : await syncBySize(db, state, engine, now, thread);
  return reportSettling(db, state, engine, now, mark, result);
}

/**
 * A bulk restore's step on its own thread: nothing else waits for that thread, so a step is a
 * whole pulled page (fewer, larger commits; apply-in-steps caps a step at one page's events).
 */
const THREAD_STEP_MS = 2_000;

/**
 * After a `--restore` enrollment: the branch's cases, files and history from HQ. Into an empty
 * archive (the usual case, a new PC) in bulk, on a worker thread with its own connection
 * (`restoreOnThread`; on this thread when the archive cannot be opened twice): `options.onApplied`
 * then reports the progress, the engine's own apply is not used. Otherwise page by page as a sync.
 */
export async function restoreFromHq(
  db: ArchiveDb,
  now: number,
  engine: SyncEngine = restoreEngine,
  options: RestoreThreadOptions = {},
): Promise<ApplyTotals> {
  const state = requireEnrollment(db);
  const caseRows = options.hqRows === false ? undefined : hqCaseRowPages(db, state, now);
  const inBulk = async () =>
    (await restoreOnThread(db, now, { ...options, stepMs: options.stepMs ?? THREAD_STEP_MS })) ??
    (await restoreInBulk(db, engine, (storing) => pullAll(db, state, storing, now), now, {
      ...options,
      caseRows,
    }));
  const totals = canRestoreInBulk(db) ? await inBulk() : await pullAll(db, state, engine, now);
  // Everything else is restored; cases numbered alike on two PCs are held (held-case-numbers.ts).
  try {
    refuseHeldCaseNumbers(db);
  } catch (error) {
    updateProgress(db, { lastError: recordedFailure(error) });
    throw error;
  }
  // A whole pull from HQ is a successful sync: the status (and the top bar) say when.
  updateProgress(db, { lastSyncAt: now, lastError: null });
  return totals;
}

export interface SyncStatus {
  enrolled: boolean;
  installationId: string;
  hqUrl: string | null;
  branchCode: string | null;
  ownHeadSeq: number;
  ackedSeq: number;
  /** Own events HQ has not acknowledged yet. */
  waiting: number;
  lastSyncAt: number | null;
  lastError: string | null;
  lastReceipt: { seq: number; at: number } | null;
  /** A restore from HQ is under way or was interrupted: the cases shown may not all be here yet. */
  restoring: boolean;
  /** Other PCs of the branch seal identifiers to another key: adopt the branch's (`pii-key adopt`). */
  piiKeyHint: boolean;
  /** Other PCs' cases whose number a case here holds (two PCs with one terminal code), by number. */
  heldCases: HeldCase[];
  /** After a restore that took HQ's rows: the check of those rows, under way or done. */
  restoreCheck: RestoreCheckStatus | null;
}

export function syncStatus(db: ArchiveDb, engine: SyncEngine = branchEngine): SyncStatus {
  const state = readEnrollment(db);
  const progress = readProgress(db);
  const head = engine.ownHeadSeq(db);
  const receipt = readLastReceipt(db);
  return {
    enrolled: state !== null,
    installationId: getInstallationId(db),
    hqUrl: state?.url ?? null,
    branchCode: state?.branchCode ?? null,
    ownHeadSeq: head,
    ackedSeq: progress.ackedSeq,
    waiting: Math.max(0, head - progress.ackedSeq),
    lastSyncAt: progress.lastSyncAt,
    lastError: progress.lastError,
    lastReceipt: receipt ? { seq: receipt.body.seq, at: receipt.body.at } : null,
    restoring: readRestoreMarker(db) !== null,
    // Other PCs exist when HQ counted them at enrollment, or once their events have arrived.
    piiKeyHint: state !== null && needsBranchPiiKey(db, (state.otherPcs ?? 0) > 0),
    heldCases: listHeldCases(db),
    restoreCheck: restoreCheckStatus(db),
  };
}
