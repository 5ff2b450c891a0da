import { openArchive, type ArchiveDb } from '../../../db/open';
import { AppError, isAppError } from '../../../shared/errors';
import { META_KEYS, getMeta, setMeta } from '../../../db/repos/meta.repo';
import { bindLegacyKeyFile, isKeyFileBound, writeKeyFile, type KeyFile } from '../keyring/key-file';
import { dropPending, hasPending, promotePending } from '../keyring/keyring';

export interface OpenedArchive {
  db: ArchiveDb;
  archiveKey: Buffer;
}

/**
 * Opens the archive with the first candidate key that works: the current one, else the pending one
 * of an interrupted rekey. The key file is then settled so the next open needs one try: the
 * working key becomes the only one. The password was already proven by the key file, so when no
 * candidate opens the archive the file itself is damaged (or belongs to another key file).
 */
export function openWithCandidates(file: string, keyFile: KeyFile, candidates: Buffer[]): OpenedArchive {
  for (const [index, key] of candidates.entries()) {
    let db: ArchiveDb;
    try {
      db = openArchive({ file, key, mode: 'open' });
    } catch (error) {
      if (isAppError(error) && error.code === 'WRONG_KEY') continue;
      throw error;
    }
    try {
      // A key file changed outside Redress is not settled (that would re-bind the change); verify reports it.
      if (hasPending(keyFile) && isKeyFileBound(keyFile, candidates))
        writeKeyFile(
          file,
          index === 0 ? dropPending(keyFile) : promotePending(keyFile, key),
          key,
          candidates,
        );
      settleKeyFileBinding(file, keyFile, key, db);
    } catch (error) {
      db.$client.close();
      throw error;
    }
    return { db, archiveKey: key };
  }
  throw new AppError('ARCHIVE_CORRUPT', 'no archive key in the key file opens this archive');
}

/**
 * Key files written before they carried a MAC are bound on the first open with the archive key
 * (trust on first use; docs/SECURITY.md), and the archive remembers it, so a MAC stripped later
 * reads as a changed file, as it does for every archive created since.
 */
function settleKeyFileBinding(file: string, keyFile: KeyFile, key: Buffer, db: ArchiveDb): void {
  if (getMeta(db, META_KEYS.keyFileBound) !== null) return;
  if (!keyFile.mac) bindLegacyKeyFile(file, keyFile, key);
  else if (!isKeyFileBound(keyFile, [key])) return;
  setMeta(db, META_KEYS.keyFileBound, '1');
}
