import type { ArchiveDb } from '../../../db/open';
import { getMeta, setMeta } from '../../../db/repos/meta.repo';
import {
  DEFAULT_SCHEDULE,
  EMPTY_STATUS,
  backupScheduleSchema,
  backupStatusSchema,
  type BackupSchedule,
  type BackupStatus,
} from '../../../shared/domain/backups';

/**
 * The backup schedule and the outcome of the last backups, kept in the archive's meta table (so
 * they travel with the archive, and a restore brings back the state of the backup's moment).
 */
const STATUS_KEY = 'backup_status';
const SCHEDULE_KEY = 'backup_schedule';

function readJson<T>(db: ArchiveDb, key: string, parse: (value: unknown) => T, fallback: T): T {
  const text = getMeta(db, key);
  if (text === null) return fallback;
  try {
    return parse(JSON.parse(text));
  } catch {
    // A value this version cannot read is treated as unset rather than failing every screen.
    return fallback;
  }
}

export function readBackupStatus(db: ArchiveDb): BackupStatus {
  return readJson(db, STATUS_KEY, (v) => backupStatusSchema.parse(v), EMPTY_STATUS);
}

export function readBackupSchedule(db: ArchiveDb): BackupSchedule {
  return readJson(db, SCHEDULE_KEY, (v) => backupScheduleSchema.parse(v), DEFAULT_SCHEDULE);
}

/** Call inside the transaction that records the backup's event. */
export function writeBackupStatus(db: ArchiveDb, status: BackupStatus): void {
  setMeta(db, STATUS_KEY, JSON.stringify(backupStatusSchema.parse(status)));
}

export function writeBackupSchedule(db: ArchiveDb, schedule: BackupSchedule): void {
  setMeta(db, SCHEDULE_KEY, JSON.stringify(backupScheduleSchema.parse(schedule)));
}

/**
 * After a restore: the archive now in place is the content of a backup made at `at`, which its own
 * status could not record (the copy was taken before the backup finished). Counted as a good
 * backup unless the restored status already knows a later one.
 */
export function noteRestoredBackup(db: ArchiveDb, at: number, name: string): void {
  db.transaction(() => {
    const status = readBackupStatus(db);
    if (status.lastGoodAt !== null && status.lastGoodAt >= at) return;
    writeBackupStatus(db, { ...status, lastGoodAt: at, lastGoodName: name });
  });
}
