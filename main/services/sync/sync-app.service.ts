import type { Locale } from '../../../shared/i18n/define';
import type { SyncStatusView } from '../../../shared/ipc/channels/sync';
import { requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { monitorFor, runSyncOnce } from './sync-monitor';
import { describeSyncFailure, toSyncAppError } from './sync-words';
import { enrollInstallation } from './transport/enroll';
import { syncStatus } from './transport/sync-run';
import { uiSyncMessages } from '../../../shared/i18n/ui-sync';

/** The app's side of sync (the IPC channels in shared/ipc/channels/sync.ts); the CLI has its own. */
export function getSyncStatus(ctx: ServiceContext, locale: Locale): SyncStatusView {
  requirePermission(ctx, 'case:read');
  const status = syncStatus(ctx.db);
  const monitor = monitorFor(ctx.db);
  let lastError: string | null = null;
  if (monitor.lastFailure !== null) lastError = describeSyncFailure(monitor.lastFailure, locale);
  // A failure recorded by the CLI (another process): its detail is developer English, so say it plainly.
  else if (status.lastError) lastError = uiSyncMessages[locale].failure.unknown;
  return {
    enrolled: status.enrolled,
    hqUrl: status.hqUrl,
    branchCode: status.branchCode,
    lastSyncAt: status.lastSyncAt,
    waiting: status.waiting,
    nextAttemptAt: status.enrolled ? monitor.nextAttemptAt : null,
    running: monitor.inFlight !== null,
    lastError,
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
}

/** Administrators only; nothing is stored unless head office accepts the code. */
export async function enrollFor(ctx: ServiceContext, input: EnrollRequest, locale: Locale) {
  requirePermission(ctx, 'archive:manage');
  try {
    const state = await enrollInstallation(ctx.db, { ...input, restore: false });
    monitorFor(ctx.db).lastFailure = null;
    return { branchCode: state.branchCode, hqUrl: state.url };
  } catch (error) {
    throw toSyncAppError(error, locale);
  }
}
