import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openArchive, type ArchiveDb } from '../../../db/open';
import { appendEvent } from '../../../db/repos/history.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';
import { can } from '../../../shared/domain/roles';
import { AppError, isAppError } from '../../../shared/errors';
import { systemClock, type Clock } from '../context';
import { keyFilePath, normaliseUsername, readKeyFile, writeFileAtomic } from '../keyring/key-file';
import { unlockWithPassword } from '../keyring/keyring';
import { checkArchiveDb } from './verify.service';
import { ARCHIVE_SIDE_FILES, isSameFile, requireRegularFile } from '../files/output-guard';

export interface RestoreInput {
  backupFile: string;
  targetFile: string;
  username: string;
  password: string;
  clock?: Clock;
  /** The name recorded in the restore event when `backupFile` is an unpacked copy (a bundle). */
  sourceName?: string;
}

export interface RestoreResult {
  /** Where the archive that was replaced now lies (null when there was none). Never deleted by Redress. */
  kept: string | null;
}

/**
 * Replaces the archive with a backup, but only one that proves sound (its key file opens with the
 * password, its archive opens with that key, integrity and history chains verify), and only for
 * an administrator: of the backup, and of the live archive when that still opens. The copy that is
 * checked is the very file that is put in place. The replaced archive is kept beside it as
 * `<target>.before-restore-<UTC time>` until an admin removes it. Sessions on the target must be closed.
 */
export async function restoreArchive(input: RestoreInput): Promise<RestoreResult> {
  const backup = path.resolve(input.backupFile);
  const target = path.resolve(input.targetFile);
  requireRegularFile(backup);
  if (isSameFile(backup, target)) throw new AppError('SAME_FILE', `${backup} is ${target}`);
  const backupKeys = readBackupKeys(backup);
  const unlocked = await unlockWithPassword(backupKeys.keyFile, input.username, input.password);
  unlocked.privateKey.fill(0);
  const temp = `${target}.restore-${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    fs.copyFileSync(backup, temp, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(temp, 0o600);
    const key = verifiedBackupKey(temp, unlocked.candidates, input.username);
    await requireLiveAdmin(target, input.username, input.password);
    const kept = replaceArchive(target, temp, backupKeys.bytes, input.clock ?? systemClock);
    recordRestore(target, key, input, backup);
    return { kept };
  } finally {
    for (const suffix of ARCHIVE_SIDE_FILES) fs.rmSync(temp + suffix, { force: true });
    for (const key of unlocked.candidates) key.fill(0);
  }
}

/** A backup whose key file is missing or unreadable is a damaged backup, not a damaged archive. */
function readBackupKeys(backup: string) {
  try {
    return { keyFile: readKeyFile(backup), bytes: fs.readFileSync(keyFilePath(backup)) };
  } catch (error) {
    throw new AppError('BACKUP_CORRUPT', `backup key file unreadable: ${backup}`, { cause: error });
  }
}

function verifiedBackupKey(file: string, candidates: Buffer[], username: string): Buffer {
  for (const key of candidates) {
    let db: ArchiveDb;
    try {
      db = openArchive({ file, key, mode: 'open', readonly: true });
    } catch (error) {
      if (isAppError(error) && ['WRONG_KEY', 'ARCHIVE_CORRUPT'].includes(error.code)) continue;
      throw error;
    }
    try {
      const result = checkArchiveDb(db);
      if (!result.ok) throw new AppError('BACKUP_CORRUPT', 'backup fails verification');
      requireRestorer(db, username, 'backup');
      return key;
    } catch (error) {
      throw isAppError(error) ? error : new AppError('BACKUP_CORRUPT', 'backup unreadable', { cause: error });
    } finally {
      db.$client.close();
    }
  }
  throw new AppError('BACKUP_CORRUPT', 'backup does not open with its own key file');
}

function requireRestorer(db: ArchiveDb, username: string, where: string): void {
  const user = findUserByUsername(db, normaliseUsername(username));
  if (!user || !user.isActive || !can(user.role, 'archive:restore'))
    throw new AppError('FORBIDDEN', `${username} may not restore (${where})`);
}

/**
 * A live archive that still opens decides too: otherwise anyone could make an archive of their own
 * (where they are the admin) and restore it over the branch's. A live archive that no longer opens
 * (missing, damaged) cannot say who its admins were; the backup's word is all there is.
 */
async function requireLiveAdmin(target: string, username: string, password: string): Promise<void> {
  if (!fs.existsSync(target) || !fs.existsSync(keyFilePath(target))) return;
  let candidates: Buffer[];
  try {
    const unlocked = await unlockWithPassword(readKeyFile(target), username, password);
    unlocked.privateKey.fill(0);
    candidates = unlocked.candidates;
  } catch (error) {
    if (isAppError(error) && error.code === 'WRONG_PASSWORD')
      throw new AppError('FORBIDDEN', 'not an administrator of the live archive');
    return;
  }
  try {
    for (const key of candidates) {
      let db: ArchiveDb;
      try {
        db = openArchive({ file: target, key, mode: 'open', readonly: true });
      } catch {
        continue;
      }
      try {
        requireRestorer(db, username, 'live archive');
        return;
      } finally {
        db.$client.close();
      }
    }
  } finally {
    for (const key of candidates) key.fill(0);
  }
}

/** `20261206T044501Z`: sorts by time, valid in file names on every platform. */
function stamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** A name no earlier safety copy has, so none is ever overwritten. */
function safetyCopyName(target: string, at: number): string {
  const base = `${target}.before-restore-${stamp(at)}`;
  let name = base;
  for (let n = 2; ARCHIVE_SIDE_FILES.some((suffix) => fs.existsSync(name + suffix)); n += 1)
    name = `${base}-${n}`;
  return name;
}

function replaceArchive(target: string, verified: string, keys: Buffer, clock: Clock): string | null {
  const hasLive = ARCHIVE_SIDE_FILES.some((suffix) => fs.existsSync(target + suffix));
  const kept = hasLive ? safetyCopyName(target, clock.now()) : null;
  // The old file moves with its WAL and key file, so it stays a consistent archive of its own.
  if (kept)
    for (const suffix of ARCHIVE_SIDE_FILES)
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, kept + suffix);
  writeFileAtomic(keyFilePath(target), keys);
  fs.renameSync(verified, target);
  return kept;
}

function recordRestore(target: string, archiveKey: Buffer, input: RestoreInput, backup: string): void {
  const db = openArchive({ file: target, key: archiveKey, mode: 'open' });
  try {
    const user = findUserByUsername(db, normaliseUsername(input.username));
    db.transaction(() => {
      appendEvent(db, {
        caseId: null,
        type: 'archive.restored',
        actorUserId: user?.id ?? null,
        at: (input.clock ?? systemClock).now(),
        payload: { from: input.sourceName ?? path.basename(backup) },
      });
    });
  } finally {
    db.$client.close();
  }
}
