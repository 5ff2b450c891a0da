import { z } from 'zod';

/** The one-file backup (main/services/backups/backup-bundle.ts). */
export const BUNDLE_EXTENSION = 'redress-backup';

/** A warning shows when the last good (verified) backup is older than this. */
export const BACKUP_STALE_DAYS = 7;
/** Scheduled backups run once a day; a failed one is tried again after an hour. */
export const SCHEDULE_INTERVAL_MS = 24 * 60 * 60_000;
export const SCHEDULE_RETRY_MS = 60 * 60_000;
export const KEEP_COPIES_DEFAULT = 7;
export const KEEP_COPIES_MAX = 365;

/**
 * The daily backup. The folder is a path on the machine that runs the archive: chosen in the
 * native dialog of the desktop app, or set with `redress backup schedule --folder` (the headless
 * host's browser users cannot name server folders). Stored in the archive's meta table.
 */
export const backupScheduleSchema = z.object({
  folder: z.string().min(1).nullable(),
  keep: z.number().int().min(1).max(KEEP_COPIES_MAX),
  isEnabled: z.boolean(),
});
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;
export const DEFAULT_SCHEDULE: BackupSchedule = { folder: null, keep: KEEP_COPIES_DEFAULT, isEnabled: false };

/** What the last backups did (meta 'backup_status'); errors are codes, worded where shown. */
export const backupStatusSchema = z.object({
  lastGoodAt: z.number().int().nullable(),
  lastGoodName: z.string().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  lastOutcome: z.enum(['ok', 'failed']).nullable(),
  lastErrorCode: z.string().nullable(),
  /** The last scheduled attempt, successful or not: when the next one is due. */
  lastScheduledAt: z.number().int().nullable(),
  lastScheduledOutcome: z.enum(['ok', 'failed']).nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;
export const EMPTY_STATUS: BackupStatus = {
  lastGoodAt: null,
  lastGoodName: null,
  lastAttemptAt: null,
  lastOutcome: null,
  lastErrorCode: null,
  lastScheduledAt: null,
  lastScheduledOutcome: null,
};

/**
 * Is a warning due? The age counts from the last good backup, or — for an archive never backed
 * up — from its creation, so a brand-new archive does not start with a warning.
 */
export function isBackupStale(status: BackupStatus, archiveCreatedAt: number, now: number): boolean {
  const since = status.lastGoodAt ?? archiveCreatedAt;
  return now - since > BACKUP_STALE_DAYS * 24 * 60 * 60_000;
}

/** When the next scheduled backup is due (null when none is scheduled). */
export function nextScheduledAt(schedule: BackupSchedule, status: BackupStatus): number | null {
  if (!schedule.isEnabled || !schedule.folder) return null;
  if (status.lastScheduledAt === null) return 0;
  const wait = status.lastScheduledOutcome === 'failed' ? SCHEDULE_RETRY_MS : SCHEDULE_INTERVAL_MS;
  return status.lastScheduledAt + wait;
}

/** `redress-backup-20261206T020000Z.redress-backup`: sorts by time, valid on every file system. */
export const SCHEDULED_NAME = /^redress-backup-\d{8}T\d{6}Z(-\d+)?\.redress-backup$/;

export function backupFileName(at: number): string {
  const stamp = new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `redress-backup-${stamp}.redress-backup`;
}

/** What the backup screen and the top bar show. */
export const backupOverviewSchema = z.object({
  status: backupStatusSchema,
  schedule: backupScheduleSchema,
  isStale: z.boolean(),
  nextScheduledAt: z.number().int().nullable(),
  /** Only the desktop app can choose a folder (native dialog); the host shows how to set one. */
  canChooseFolder: z.boolean(),
});
export type BackupOverview = z.infer<typeof backupOverviewSchema>;
