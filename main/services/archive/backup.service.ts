import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openArchive, type ArchiveDb } from '../../../db/open';
import { appendEvent, verifyChains, type ChainProblem } from '../../../db/repos/history.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';
import { AppError, isAppError } from '../../../shared/errors';
import { requirePermission } from '../access-guards';
import type { ArchiveSession } from './session';
import { systemClock, type Clock, type ServiceContext } from '../context';
import { keyFilePath, normaliseUsername, readKeyFile, writeFileAtomic } from '../keyring/key-file';
import { unlockWithPassword } from '../keyring/keyring';
import { heldKeyOf } from '../keyring/session-keys';

export interface VerifyResult {
  /** `PRAGMA integrity_check` lines; `['ok']` when the file is sound. */
  integrity: string[];
  chainProblems: ChainProblem[];
  ok: boolean;
}

function checkDb(db: ArchiveDb): VerifyResult {
  const integrity = (db.$client.pragma('integrity_check') as { integrity_check: string }[]).map(
    (r) => r.integrity_check,
  );
  const chainProblems = verifyChains(db);
  return {
    integrity,
    chainProblems,
    ok: integrity.length === 1 && integrity[0] === 'ok' && chainProblems.length === 0,
  };
}

/** Is the file sound, and has no history event been edited or removed? */
export function verifyArchive(ctx: ServiceContext): VerifyResult {
  requirePermission(ctx, 'archive:manage');
  return checkDb(ctx.db);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function tempBeside(file: string, tag: string): string {
  return `${file}.${tag}-${crypto.randomBytes(6).toString('hex')}.tmp`;
}

/**
 * An online backup: `VACUUM INTO` writes a consistent, compacted copy while the archive stays open,
 * encrypted with the same key (sqlite3mc encrypts the target with the source's cipher and key).
 * The key file goes beside it, so the backup opens with the passwords of the moment of backup.
 */
export async function backupArchive(
  session: ArchiveSession,
  destFile: string,
): Promise<{ file: string; bytes: number }> {
  requirePermission(session.ctx, 'archive:manage');
  const { file } = heldKeyOf(session.db);
  const dest = path.resolve(destFile);
  if (dest === path.resolve(file))
    throw new AppError('ARCHIVE_EXISTS', 'backup would overwrite the archive itself');
  if (fs.existsSync(dest)) throw new AppError('ARCHIVE_EXISTS', dest, { params: { file: dest } });
  const temp = tempBeside(dest, 'backup');
  try {
    session.db.$client.prepare('VACUUM INTO ?').run(temp);
    fsyncFile(temp);
    writeFileAtomic(keyFilePath(dest), fs.readFileSync(keyFilePath(file)));
    fs.renameSync(temp, dest);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  const bytes = fs.statSync(dest).size;
  session.db.transaction(() => {
    appendEvent(session.db, {
      caseId: null,
      type: 'archive.backed_up',
      actorUserId: session.actor.userId,
      at: session.clock.now(),
      payload: { file: path.basename(dest), bytes },
    });
  });
  return { file: dest, bytes };
}

export interface RestoreInput {
  backupFile: string;
  targetFile: string;
  username: string;
  password: string;
  clock?: Clock;
}

/**
 * Replaces the archive with a backup, but only one that proves sound: the password opens its key
 * file, its archive opens with that key, `integrity_check` passes and its history chains verify.
 * The copy that is checked is the very file that is put in place. The old archive is kept as
 * `<target>.before-restore`. Every session on the target must be closed first.
 */
export async function restoreArchive(input: RestoreInput): Promise<void> {
  if (!fs.existsSync(input.backupFile))
    throw new AppError('ARCHIVE_NOT_FOUND', input.backupFile, { params: { file: input.backupFile } });
  const keyFile = readKeyFile(input.backupFile);
  const backupKeys = fs.readFileSync(keyFilePath(input.backupFile));
  const unlocked = await unlockWithPassword(keyFile, input.username, input.password);
  unlocked.privateKey.fill(0);
  const target = path.resolve(input.targetFile);
  const temp = tempBeside(target, 'restore');
  try {
    fs.copyFileSync(input.backupFile, temp);
    fsyncFile(temp);
    const key = verifiedKey(temp, unlocked.candidates);
    replaceArchive(target, temp, backupKeys);
    recordRestore(target, key, input);
  } finally {
    fs.rmSync(temp, { force: true });
    for (const key of unlocked.candidates) key.fill(0);
  }
}

function verifiedKey(file: string, candidates: Buffer[]): Buffer {
  for (const key of candidates) {
    let db: ArchiveDb;
    try {
      db = openArchive({ file, key, mode: 'open', readonly: true });
    } catch (error) {
      if (isAppError(error) && (error.code === 'WRONG_KEY' || error.code === 'ARCHIVE_CORRUPT')) continue;
      throw error;
    }
    try {
      const result = checkDb(db);
      if (!result.ok)
        throw new AppError(
          'ARCHIVE_CORRUPT',
          `backup fails verification: ${result.integrity.length} integrity, ${result.chainProblems.length} chain problems`,
        );
      return key;
    } catch (error) {
      throw isAppError(error)
        ? error
        : new AppError('ARCHIVE_CORRUPT', 'backup unreadable', { cause: error });
    } finally {
      db.$client.close();
    }
  }
  throw new AppError('ARCHIVE_CORRUPT', 'backup does not open with its own key file');
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal', '.keys'];

function replaceArchive(target: string, verified: string, keys: Buffer): void {
  const kept = `${target}.before-restore`;
  for (const suffix of SIDE_FILES) fs.rmSync(kept + suffix, { force: true });
  // The old file moves with its WAL and key file, so it stays a consistent archive of its own.
  for (const suffix of SIDE_FILES)
    if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, kept + suffix);
  writeFileAtomic(keyFilePath(target), keys);
  fs.renameSync(verified, target);
}

function recordRestore(target: string, archiveKey: Buffer, input: RestoreInput): void {
  const db = openArchive({ file: target, key: archiveKey, mode: 'open' });
  try {
    const user = findUserByUsername(db, normaliseUsername(input.username));
    db.transaction(() => {
      appendEvent(db, {
        caseId: null,
        type: 'archive.restored',
        actorUserId: user?.id ?? null,
        at: (input.clock ?? systemClock).now(),
        payload: { from: path.basename(input.backupFile) },
      });
    });
  } finally {
    db.$client.close();
  }
}
