import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openArchive, type ArchiveDb } from '../../../db/open';
import { appendEvent } from '../../../db/repos/history.repo';
import { AppError, isAppError } from '../../../shared/errors';
import { requirePermission } from '../access-guards';
import { copyOpenArchive, writeArchiveCopy } from '../archive/backup.service';
import type { ArchiveSession } from '../archive/session';
import { checkArchiveDb } from '../archive/verify.service';
import { guardOutputPath } from '../files/output-guard';
import { isKeyFileBound, keyFilePath, readKeyFile } from '../keyring/key-file';
import { heldKeyOf } from '../keyring/session-keys';
import { unpackBundle, writeBundle } from './backup-bundle';
import { readBackupStatus, writeBackupStatus } from './backup-state';

export interface BackupResult {
  fileName: string;
  bytes: number;
  at: number;
}

interface BackupOptions {
  isScheduled?: boolean;
  /** The name the person sees (a browser download's), when the file written is a temporary one. */
  displayName?: string;
  /** Scheduled backups name the copies they removed to keep N (recorded in the event). */
  pruned?: () => string[];
}

/**
 * Proves a written backup: it opens with the archive key, passes the integrity check and the
 * history chains, and its key file is bound to that key. BACKUP_CORRUPT otherwise.
 */
export function verifyBackupCopy(archiveFile: string, archiveKey: Buffer): void {
  let db: ArchiveDb;
  try {
    db = openArchive({ file: archiveFile, key: archiveKey, mode: 'open', readonly: true });
  } catch (error) {
    throw new AppError('BACKUP_CORRUPT', 'backup does not open with the archive key', { cause: error });
  }
  try {
    if (!checkArchiveDb(db).ok) throw new AppError('BACKUP_CORRUPT', 'backup fails verification');
  } finally {
    db.$client.close();
  }
  if (!isKeyFileBound(readKeyFile(archiveFile), [archiveKey]))
    throw new AppError('BACKUP_CORRUPT', 'backup key file is not bound to the archive key');
}

/** Reads a written bundle back and verifies what is in it (verifyBackupCopy). */
export function verifyBundle(file: string, archiveKey: Buffer): void {
  const unpacked = unpackBundle(file);
  try {
    verifyBackupCopy(unpacked.archive, archiveKey);
  } finally {
    unpacked.remove();
  }
}

/** The copy into a private temporary folder, packed into `dest`, which is then read back and verified. */
function writeVerifiedBundle(session: ArchiveSession, dest: string): number {
  const { archiveKey } = heldKeyOf(session.db);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-backup-'));
  try {
    const copy = copyOpenArchive(session, path.join(work, 'backup.redress'));
    writeBundle(dest, { archive: copy.file, keys: keyFilePath(copy.file), createdAt: session.clock.now() });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  verifyBundle(dest, archiveKey);
  return fs.statSync(dest).size;
}

/**
 * Backs up the open archive into one `.redress-backup` file (backup-bundle.ts) and verifies it
 * after writing. Admins only (`archive:manage`). The outcome — good or failed — is an event and the
 * backup status the top bar shows; a backup that fails verification is deleted, never left looking good.
 */
export function backupToBundle(
  session: ArchiveSession,
  destFile: string,
  displayName?: string,
): BackupResult {
  requirePermission(session.ctx, 'archive:manage');
  return writeBackup(session, destFile, displayName === undefined ? {} : { displayName });
}

/**
 * backupToBundle without the permission check: only for the daily backup an admin scheduled, which
 * runs whoever is signed in (backup-schedule.service.ts); recorded with no actor.
 */
export function writeScheduledBackup(
  session: ArchiveSession,
  destFile: string,
  pruned: () => string[],
): BackupResult {
  return writeBackup(session, destFile, { isScheduled: true, pruned });
}

function writeBackup(session: ArchiveSession, destFile: string, options: BackupOptions): BackupResult {
  const at = session.clock.now();
  const fileName = options.displayName ?? path.basename(destFile);
  let isWriting = false;
  let bytes: number;
  try {
    const dest = guardOutputPath(destFile, [heldKeyOf(session.db).file]);
    isWriting = true;
    bytes = writeVerifiedBundle(session, dest);
  } catch (error) {
    // Only a file this backup started is removed; a refused target (a protected file) is left alone.
    if (isWriting) fs.rmSync(destFile, { force: true });
    recordOutcome(session, { at, fileName, error, options });
    throw error;
  }
  const pruned = options.pruned?.() ?? [];
  recordOutcome(session, { at, fileName, bytes, pruned, options });
  return { fileName, bytes, at };
}

/**
 * The command line's archive + key file pair (`redress backup <dest>`), optionally verified after
 * writing. Only a verified copy counts as a good backup for the top bar's warning.
 */
export function backupToPair(
  session: ArchiveSession,
  destFile: string,
  options: { verify: boolean },
): BackupResult & { file: string; isVerified: boolean } {
  const at = session.clock.now();
  const copy = writeArchiveCopy(session, destFile);
  try {
    if (options.verify) verifyBackupCopy(copy.file, heldKeyOf(session.db).archiveKey);
  } catch (error) {
    // A copy that fails its check is not left looking like a backup.
    for (const file of [copy.file, keyFilePath(copy.file)]) fs.rmSync(file, { force: true });
    recordOutcome(session, { at, fileName: path.basename(copy.file), error, options: {} });
    throw error;
  }
  const outcome = { at, fileName: path.basename(copy.file), bytes: copy.bytes, options: {} };
  recordOutcome(session, { ...outcome, isUnverified: !options.verify });
  return { fileName: outcome.fileName, bytes: copy.bytes, at, file: copy.file, isVerified: options.verify };
}

interface Outcome {
  at: number;
  fileName: string;
  bytes?: number;
  pruned?: string[];
  error?: unknown;
  /** A copy nobody checked: recorded, but not as the last good backup. */
  isUnverified?: boolean;
  options: BackupOptions;
}

function recordOutcome(session: ArchiveSession, outcome: Outcome): void {
  const { db } = session;
  const isGood = outcome.error === undefined;
  const errorCode = isGood ? null : isAppError(outcome.error) ? outcome.error.code : 'INTERNAL';
  const isScheduled = outcome.options.isScheduled === true;
  db.transaction(() => {
    const before = readBackupStatus(db);
    writeBackupStatus(db, {
      ...before,
      lastAttemptAt: outcome.at,
      lastOutcome: isGood ? 'ok' : 'failed',
      lastErrorCode: errorCode,
      ...(isGood && !outcome.isUnverified ? { lastGoodAt: outcome.at, lastGoodName: outcome.fileName } : {}),
      ...(isScheduled
        ? {
            lastScheduledAt: outcome.at,
            lastScheduledOutcome: isGood ? ('ok' as const) : ('failed' as const),
          }
        : {}),
    });
    appendEvent(db, {
      caseId: null,
      type: isGood ? 'archive.backed_up' : 'archive.backup_failed',
      actorUserId: isScheduled ? null : session.actor.userId,
      at: outcome.at,
      payload: isGood
        ? {
            file: outcome.fileName,
            bytes: outcome.bytes,
            verified: !outcome.isUnverified,
            scheduled: isScheduled,
            pruned: outcome.pruned,
          }
        : { file: outcome.fileName, code: errorCode, scheduled: isScheduled },
    });
  });
}
