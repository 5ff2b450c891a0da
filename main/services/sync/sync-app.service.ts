import type { Locale } from '../../../shared/i18n/define';
import type { SyncStatusView } from '../../../shared/ipc/channels/sync';
import { requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { startRestore } from './restore-in-app';
import { monitorFor, runSyncOnce } from './sync-monitor';
import { describeRecordedFailure, describeSyncFailure, toSyncAppError } from './sync-words';
import { enrollInstallation } from './transport/enroll';
import { syncStatus } from './transport/sync-run';

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
