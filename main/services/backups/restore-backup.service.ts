import path from 'node:path';
import { restoreArchive, type RestoreInput, type RestoreResult } from '../archive/restore.service';
import { readKeyFile } from '../keyring/key-file';
import { unlockWithPassword } from '../keyring/keyring';
import { isBundleFile, unpackBundle } from './backup-bundle';
import type { SignInThrottle } from '../auth/throttle';
import { isAppError } from '../../../shared/errors';

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

/**
 * Proves the signed-in person's password against the live archive's key file before a restore
 * closes their session, so a typing mistake costs nothing; throttled like a sign-in.
 */
export async function confirmPassword(
  archiveFile: string,
  username: string,
  password: string,
  throttle: SignInThrottle,
): Promise<void> {
  throttle.check(username);
  try {
    const unlocked = await unlockWithPassword(readKeyFile(archiveFile), username, password);
    unlocked.privateKey.fill(0);
    for (const key of unlocked.candidates) key.fill(0);
  } catch (error) {
    if (isAppError(error) && error.code === 'WRONG_PASSWORD') throttle.recordFailure(username);
    throw error;
  }
}
