import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appendEvent } from '../../../db/repos/history.repo';
import { AppError } from '../../../shared/errors';
import { requirePermission } from '../access-guards';
import type { ArchiveSession } from './session';
import { keyFilePath, writeFileAtomic } from '../keyring/key-file';
import { heldKeyOf } from '../keyring/session-keys';
import { ARCHIVE_SIDE_FILES, guardOutputPath } from '../files/output-guard';

export { restoreArchive, type RestoreInput, type RestoreResult } from './restore.service';
export { verifyArchive, type VerifyResult } from './verify.service';

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
 * The copy itself, with no event: `VACUUM INTO` writes a consistent, compacted copy while the
 * archive stays open, encrypted with the same key (sqlite3mc encrypts the target with the source's
 * cipher and key). The key file goes beside it, so the copy opens with the passwords of the moment.
 * The bundle and scheduled backups (main/services/backups/) build on this.
 */
export function writeArchiveCopy(session: ArchiveSession, destFile: string): { file: string; bytes: number } {
  requirePermission(session.ctx, 'archive:manage');
  return copyOpenArchive(session, destFile);
}

/**
 * writeArchiveCopy without the permission check, for the scheduled backup an admin configured,
 * which runs under whoever is signed in (main/services/backups/backup-schedule.service.ts).
 */
export function copyOpenArchive(session: ArchiveSession, destFile: string): { file: string; bytes: number } {
  const { file } = heldKeyOf(session.db);
  const dest = guardOutputPath(destFile, [file]);
  // A backup never replaces a file: not another backup, not anything else the person had there.
  if (ARCHIVE_SIDE_FILES.some((suffix) => fs.existsSync(dest + suffix)))
    throw new AppError('ARCHIVE_EXISTS', dest, { params: { file: dest } });
  const temp = tempBeside(dest, 'backup');
  try {
    // VACUUM INTO creates the file itself; an empty one made first with 0600 keeps it private.
    fs.closeSync(fs.openSync(temp, 'wx', 0o600));
    session.db.$client.prepare('VACUUM INTO ?').run(temp);
    fsyncFile(temp);
    writeFileAtomic(keyFilePath(dest), fs.readFileSync(keyFilePath(file)));
    fs.renameSync(temp, dest);
  } catch (error) {
    for (const suffix of ARCHIVE_SIDE_FILES) fs.rmSync(temp + suffix, { force: true });
    throw error;
  }
  return { file: dest, bytes: fs.statSync(dest).size };
}

/** An online backup as an archive + key file pair (the command line's `redress backup`). */
export async function backupArchive(
  session: ArchiveSession,
  destFile: string,
): Promise<{ file: string; bytes: number }> {
  const result = writeArchiveCopy(session, destFile);
  session.db.transaction(() => {
    appendEvent(session.db, {
      caseId: null,
      type: 'archive.backed_up',
      actorUserId: session.actor.userId,
      at: session.clock.now(),
      payload: { file: path.basename(result.file), bytes: result.bytes },
    });
  });
  return result;
}
