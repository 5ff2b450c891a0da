import fs from 'node:fs';
import path from 'node:path';
import { getArchiveInfo } from '../../../db/repos/meta.repo';
import { appendEvent } from '../../../db/repos/history.repo';
import {
  SCHEDULED_NAME,
  backupFileName,
  backupScheduleSchema,
  isBackupStale,
  nextScheduledAt,
  type BackupOverview,
  type BackupSchedule,
} from '../../../shared/domain/backups';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ArchiveSession } from '../archive/session';
import type { ServiceContext } from '../context';
import { isBundleFile } from './backup-bundle';
import { writeScheduledBackup, type BackupResult } from './backup-now.service';
import { readBackupSchedule, readBackupStatus, writeBackupSchedule } from './backup-state';

/** What the backup screen and the top bar show. Admins only. */
export function backupOverview(ctx: ServiceContext, canChooseFolder: boolean): BackupOverview {
  requirePermission(ctx, 'archive:manage');
  const status = readBackupStatus(ctx.db);
  const schedule = readBackupSchedule(ctx.db);
  return {
    status,
    schedule,
    isStale: isBackupStale(status, getArchiveInfo(ctx.db).createdAt, ctx.clock.now()),
    nextScheduledAt: nextScheduledAt(schedule, status),
    canChooseFolder,
  };
}

function requireFolder(folder: string): string {
  const resolved = path.resolve(folder);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory())
    throw new AppError('FOLDER_MISSING', resolved, { params: { folder: resolved } });
  return resolved;
}

/**
 * Sets the daily backup. `folder` comes from the main process only (the desktop app's native
 * folder dialog, or the command line): never from the renderer. Leaving it out keeps the current one.
 */
export function setBackupSchedule(
  ctx: ServiceContext,
  change: { folder?: string; keep?: number; isEnabled?: boolean },
): BackupSchedule {
  requirePermission(ctx, 'archive:manage');
  const current = readBackupSchedule(ctx.db);
  const next = parseInput(backupScheduleSchema, {
    folder: change.folder === undefined ? current.folder : requireFolder(change.folder),
    keep: change.keep ?? current.keep,
    isEnabled: change.isEnabled ?? current.isEnabled,
  });
  if (next.isEnabled && !next.folder)
    throw new AppError('VALIDATION', 'no folder', {
      fields: { folder: 'backups.validation.folderRequired' },
    });
  ctx.db.transaction(() => {
    writeBackupSchedule(ctx.db, next);
    appendEvent(ctx.db, {
      caseId: null,
      type: 'archive.backup_schedule_set',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: next,
    });
  });
  return next;
}

/**
 * Keeps the newest `keep` scheduled copies in the folder and deletes older ones. Only files this
 * schedule made (the name pattern AND the bundle's magic) are ever touched.
 */
export function pruneScheduledCopies(folder: string, keep: number): string[] {
  const ours = fs
    .readdirSync(folder)
    .filter((name) => SCHEDULED_NAME.test(name) && isBundleFile(path.join(folder, name)))
    .sort()
    .reverse();
  const removed = ours.slice(keep);
  for (const name of removed) fs.rmSync(path.join(folder, name), { force: true });
  return removed;
}

function freeName(folder: string, at: number): string {
  const base = backupFileName(at);
  let name = base;
  for (let n = 2; fs.existsSync(path.join(folder, name)); n += 1)
    name = base.replace(/\.redress-backup$/, `-${n}.redress-backup`);
  return path.join(folder, name);
}

/**
 * Runs the daily backup if it is due (or `force`): a verified bundle into the configured folder,
 * then the oldest copies beyond N are removed. Null when none is scheduled or none is due. A failure
 * is recorded (status, event) and rethrown; the next try is an hour later.
 */
export function runScheduledBackup(
  session: ArchiveSession,
  options: { force?: boolean } = {},
): BackupResult | null {
  const schedule = readBackupSchedule(session.db);
  const due = nextScheduledAt(schedule, readBackupStatus(session.db));
  if (due === null || !schedule.folder) return null;
  if (!options.force && session.clock.now() < due) return null;
  const folder = schedule.folder;
  // A missing folder (the USB stick is not plugged in) fails in the backup and is recorded there.
  const dest = freeName(folder, session.clock.now());
  return writeScheduledBackup(session, dest, () => pruneScheduledCopies(folder, schedule.keep));
}
