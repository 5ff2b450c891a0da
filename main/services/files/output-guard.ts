import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * Where Redress may write a file a person named (an export, a backup, a rejected-rows file, a
 * download slot). The rules hold for every shell, the command line included: never over an
 * archive, its key file, its journals or its backups; never into a folder that does not exist
 * (Redress creates no folder the user did not ask for); new files readable by their owner only.
 */

/** The files that make up one archive: the database, its SQLite journals and its key file. */
export const ARCHIVE_SIDE_FILES = ['', '-wal', '-shm', '-journal', '.keys'] as const;
/** Beside an archive: its journals, key file and sign-in ledger (auth/sign-in-ledger.ts). */
const JOURNAL_SUFFIXES = ['-wal', '-shm', '-journal', '.keys', '.sign-ins'] as const;

/** Same file on disk, whatever the spelling of the path (links, `..`, case on Windows). */
export function isSameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** An existing regular file, or one clear line: missing, or a folder. */
export function requireRegularFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('ARCHIVE_NOT_FOUND', file, { params: { file } });
  }
  if (stat.isDirectory()) throw new AppError('NOT_A_FILE', file, { params: { file } });
}

/**
 * True when `file` belongs to an archive or a backup: it has a key file beside it, or it is the
 * journal or key file of one that exists, or it is a safety copy made by restore, or a one-file backup.
 */
export function isArchiveFile(file: string): boolean {
  if (fs.existsSync(`${file}.keys`)) return true;
  if (/\.before-restore(-[0-9TZ-]+)?$/.test(file)) return true;
  for (const suffix of JOURNAL_SUFFIXES) {
    if (file.endsWith(suffix) && fs.existsSync(file.slice(0, -suffix.length))) return true;
  }
  return isKeyFileContent(file);
}

function isKeyFileContent(file: string): boolean {
  try {
    const head = Buffer.alloc(64);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    const text = head.toString('utf8');
    // A key file, or a one-file backup (main/services/backups/backup-bundle.ts).
    return text.includes('"redress-keys"') || text.startsWith('REDRESS-BACKUP/');
  } catch {
    return false;
  }
}

/** The folder a new file goes into must exist: Redress creates no folder the user did not ask for. */
export function requireFolderOf(file: string): void {
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
    throw new AppError('FOLDER_MISSING', folder, { params: { folder } });
}

/**
 * Checks a path a person named for a new output file; returns it resolved. `protectedFiles` are
 * archives the caller knows of (the open one), refused with all their side files.
 */
export function guardOutputPath(file: string, protectedFiles: readonly string[] = []): string {
  const target = path.resolve(file);
  requireFolderOf(target);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new AppError('NOT_A_FILE', target, { params: { file: target } });
  const isProtected =
    isArchiveFile(target) ||
    protectedFiles.some((archive) =>
      ARCHIVE_SIDE_FILES.some((suffix) => isSameFile(target, path.resolve(archive) + suffix)),
    );
  if (isProtected) throw new AppError('PROTECTED_FILE', target, { params: { file: target } });
  return target;
}

/**
 * Opens an output file for writing, readable by its owner only. A file that exists is replaced
 * (the person chose it in a save dialog or on the command line) and its permissions narrowed.
 */
export function openOutputFile(file: string, protectedFiles: readonly string[] = []): number {
  const target = guardOutputPath(file, protectedFiles);
  const fd = fs.openSync(target, 'w', 0o600);
  if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
  return fd;
}
