import path from 'node:path';
import { restoreArchive, type RestoreInput, type RestoreResult } from '../archive/restore.service';
import { isBundleFile, unpackBundle } from './backup-bundle';

/**
 * Restores from either kind of backup: a `.redress-backup` bundle (the app's backups, scheduled
 * ones, browser uploads) or an archive with its key file beside it (`redress backup <dest>`). The
 * rules are restoreArchive's: admins only, verified first, the replaced archive kept beside it.
 */
export async function restoreFromBackupFile(
  input: RestoreInput,
): Promise<RestoreResult & { backupMadeAt: number | null }> {
  if (!isBundleFile(input.backupFile)) return { ...(await restoreArchive(input)), backupMadeAt: null };
  const unpacked = unpackBundle(input.backupFile);
  try {
    const result = await restoreArchive({
      ...input,
      backupFile: unpacked.archive,
      sourceName: input.sourceName ?? path.basename(input.backupFile),
    });
    return { ...result, backupMadeAt: unpacked.header.createdAt };
  } finally {
    unpacked.remove();
  }
}
