import type { ArchiveSession } from '../archive/session';
import type { SchedulerTimers } from '../sync/scheduler';
import { runScheduledBackup } from './backup-schedule.service';

export const BACKUP_CHECK_MS = 10 * 60_000;
export const BACKUP_FIRST_CHECK_MS = 60_000;

/**
 * While someone is signed in, looks every few minutes whether the daily backup is due and runs it
 * (runScheduledBackup decides; its outcome is recorded there for the top bar). A failure is logged
 * once here and retried an hour later; it never disturbs the session. Checks never overlap: the
 * backup runs synchronously inside the tick.
 */
export function startBackupScheduler(options: {
  session: ArchiveSession;
  timers: SchedulerTimers;
  checkEveryMs?: number;
  firstCheckMs?: number;
}): { stop(): void } {
  let handle: unknown = null;
  let isStopped = false;

  function tick(): void {
    handle = null;
    if (isStopped) return;
    try {
      runScheduledBackup(options.session);
    } catch (error) {
      console.error('[backup] scheduled backup failed:', error instanceof Error ? error.message : error);
    }
    if (!isStopped) handle = options.timers.setTimeout(tick, options.checkEveryMs ?? BACKUP_CHECK_MS);
  }

  handle = options.timers.setTimeout(tick, options.firstCheckMs ?? BACKUP_FIRST_CHECK_MS);
  return {
    stop() {
      isStopped = true;
      if (handle !== null) options.timers.clearTimeout(handle);
      handle = null;
    },
  };
}
