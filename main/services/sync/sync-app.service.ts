import type { Locale } from '../../../shared/i18n/define';
import type { SyncStatusView } from '../../../shared/ipc/channels/sync';
import { requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { startRestore } from './restore-in-app';
import { monitorFor, runSyncOnce } from './sync-monitor';
import { describeRecordedFailure, describeSyncFailure, toSyncAppError } from './sync-words';
import { enrollInstallation } from './transport/enroll';
import { NO_APPLY } from './transport/engine-port';
import { syncStatus } from './transport/sync-run';
import { readProgress } from './transport/sync-state';
import { repairTerminal, type TerminalRepairResult } from './terminal-repair.service';

/** The app's side of sync (the IPC channels in shared/ipc/channels/sync.ts); the CLI has its own. */
export function getSyncStatus(ctx: ServiceContext, locale: Locale): SyncStatusView {
  requirePermission(ctx, 'case:read');
  const status = syncStatus(ctx.db);
  const monitor = monitorFor(ctx.db);
  let lastError: string | null = null;
  if (monitor.lastFailure !== null) lastError = describeSyncFailure(monitor.lastFailure, locale);
  // A failure recorded by the CLI (another process) or before a restart: worded again from its record.
  else if (status.lastError) lastError = describeRecordedFailure(status.lastError, locale);
  return {
    enrolled: status.enrolled,
    hqUrl: status.hqUrl,
    branchCode: status.branchCode,
    lastSyncAt: status.lastSyncAt,
    waiting: status.waiting,
    nextAttemptAt: status.enrolled ? monitor.nextAttemptAt : null,
    running: monitor.inFlight !== null,
    lastError,
    piiKeyHint: status.piiKeyHint,
    restore: monitor.restore
      ? {
          running: monitor.restore.finishedAt === null,
          applied: monitor.restore.applied,
          casesChanged: monitor.restore.casesChanged,
          startedAt: monitor.restore.startedAt,
          finishedAt: monitor.restore.finishedAt,
          error: monitor.restore.failure ? describeSyncFailure(monitor.restore.failure, locale) : null,
        }
      : null,
    heldCases: status.heldCases,
    restoreCheck: status.restoreCheck,
    terminalRepair: monitor.terminalRepair,
  };
}

export async function syncNowFor(ctx: ServiceContext, locale: Locale) {
  requirePermission(ctx, 'case:read');
  try {
    const result = await runSyncOnce(ctx.db, ctx.clock.now());
    return {
      pushed: result.pushed,
      ackedSeq: result.ackedSeq,
      applied: result.applied,
      casesChanged: result.casesChanged,
      conflicts: result.conflicts,
    };
  } catch (error) {
    throw toSyncAppError(error, locale);
  }
}

export interface EnrollRequest {
  url: string;
  code: string;
  fingerprint: string;
  /** A new PC replacing a lost one: pull the branch's cases, files and history (issue 15 item 7). */
  restore?: boolean;
}

/**
 * Administrators only; nothing is stored unless head office accepts the code. With `restore` the
 * branch's cases then come from HQ in the background (restore-in-app.ts), as `sync enroll --restore`.
 */
export async function enrollFor(ctx: ServiceContext, input: EnrollRequest, locale: Locale) {
  requirePermission(ctx, 'archive:manage');
  const restore = input.restore === true;
  try {
    const state = await enrollInstallation(ctx.db, { ...input, restore });
    monitorFor(ctx.db).lastFailure = null;
    if (restore) void startRestore(ctx.db, () => ctx.clock.now());
    return { branchCode: state.branchCode, hqUrl: state.url, restoring: restore };
  } catch (error) {
    throw toSyncAppError(error, locale);
  }
}

/**
 * The sync screen's "repair the terminal clash" (administrators), the same service as `redress sync
 * repair-terminal`. It syncs twice, so it takes the monitor's one sync slot once a run under way has
 * settled: the background loop and "sync now" join it instead of pushing beside it. Its step is in
 * the status (`terminalRepair`) while it runs; a failure is one line in the reader's language.
 */
export async function repairTerminalFor(ctx: ServiceContext, locale: Locale): Promise<TerminalRepairResult> {
  requirePermission(ctx, 'archive:manage');
  const monitor = monitorFor(ctx.db);
  try {
    monitor.terminalRepair = 'syncing'; // its first step, a sync, waits for the one under way
    while (monitor.inFlight) await monitor.inFlight.catch(() => undefined);
    // The slot is free here (nothing awaited since the loop), so runSyncOnce runs this runner.
    const repair: { outcome?: TerminalRepairResult } = {};
    await runSyncOnce(ctx.db, ctx.clock.now(), async (db) => {
      repair.outcome = await repairTerminal(ctx, { onPhase: (phase) => (monitor.terminalRepair = phase) });
      // What a "sync now" joining the repair is told: nothing of its own was pushed or pulled.
      return { ...NO_APPLY, pushed: 0, duplicates: 0, ackedSeq: readProgress(db).ackedSeq };
    });
    return repair.outcome as TerminalRepairResult;
  } catch (error) {
    throw toSyncAppError(error, locale);
  } finally {
    monitor.terminalRepair = null;
  }
}
