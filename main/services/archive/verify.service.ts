import { openArchive, type ArchiveDb } from '../../../db/open';
import { walkChains, type ChainHead, type ChainProblem } from '../../../db/repos/history.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';
import { can } from '../../../shared/domain/roles';
import { AppError, isAppError } from '../../../shared/errors';
import { requireRegularFile } from '../files/output-guard';
import { isKeyFileBound, normaliseUsername, readKeyFile, type KeyFile } from '../keyring/key-file';
import { recoveryFingerprint } from '../keyring/recovery-key';
import { heldKeyOf } from '../keyring/session-keys';
import { unlockWithPassword } from '../keyring/keyring';
import { requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { checkAgainstLastReceipt, type ReceiptCheck } from '../sync/transport/receipts';

export interface VerifyResult {
  /** `PRAGMA integrity_check` lines; `['ok']` when the file is sound. */
  integrity: string[];
  chainProblems: ChainProblem[];
  /** Where each installation's chain ends, as walked (a handover certificate pins these). */
  chainHeads: ChainHead[];
  /** `changed`: the key file's MAC does not verify under the archive key (key-file.ts). */
  keyFile: 'intact' | 'changed';
  /** The recovery key the key file names, to compare with the one printed at creation. */
  recoveryFingerprint: string;
  /**
   * The local chain against head office's last signed receipt (`none` before the first sync): a
   * chain rewritten consistently after a sync passes the hash walk above but not this.
   */
  receipt: ReceiptCheck;
  ok: boolean;
}

/** The database checks only (integrity, history chains): what a backup must pass. */
export interface DbCheck {
  integrity: string[];
  chainProblems: ChainProblem[];
  chainHeads: ChainHead[];
  ok: boolean;
}

/** Is the file sound, and has no history event been edited or removed? Reads only. */
export function checkArchiveDb(db: ArchiveDb): DbCheck {
  const integrity = (db.$client.pragma('integrity_check') as { integrity_check: string }[]).map(
    (r) => r.integrity_check,
  );
  const { problems: chainProblems, heads: chainHeads } = walkChains(db);
  return {
    integrity,
    chainProblems,
    chainHeads,
    ok: integrity.length === 1 && integrity[0] === 'ok' && chainProblems.length === 0,
  };
}

export async function verifyArchive(ctx: ServiceContext): Promise<VerifyResult> {
  requirePermission(ctx, 'archive:manage');
  const { file, archiveKey } = heldKeyOf(ctx.db);
  return fullCheck(ctx.db, readKeyFile(file), [archiveKey]);
}

async function fullCheck(db: ArchiveDb, keyFile: KeyFile, archiveKeys: Buffer[]): Promise<VerifyResult> {
  const check = checkArchiveDb(db);
  const receipt = await checkAgainstLastReceipt(db);
  const keyFileState = isKeyFileBound(keyFile, archiveKeys) ? 'intact' : 'changed';
  const receiptHolds = receipt.status === 'none' || receipt.status === 'ok';
  return {
    integrity: check.integrity,
    chainProblems: check.chainProblems,
    chainHeads: check.chainHeads,
    keyFile: keyFileState,
    recoveryFingerprint: recoveryFingerprint(keyFile.recovery.publicKey),
    receipt,
    ok: check.ok && keyFileState === 'intact' && receiptHolds,
  };
}

export interface VerifyFileInput {
  file: string;
  username: string;
  password: string;
}

/**
 * `verify` from outside a session: the password proves the user, the archive is opened read-only
 * and checked before anything is written, so no sign-in event can move the stored chain head over
 * a deletion before it is compared. Nothing at all is written (no migration, no WAL switch).
 */
export async function verifyArchiveFile(input: VerifyFileInput): Promise<VerifyResult> {
  requireRegularFile(input.file);
  const keyFile = readKeyFile(input.file);
  const unlocked = await unlockWithPassword(keyFile, input.username, input.password);
  unlocked.privateKey.fill(0);
  try {
    const db = openReadOnly(input.file, unlocked.candidates);
    try {
      const user = findUserByUsername(db, normaliseUsername(input.username));
      if (!user || !user.isActive) throw new AppError('WRONG_PASSWORD', 'user is missing or deactivated');
      if (!can(user.role, 'archive:manage')) throw new AppError('FORBIDDEN', `${user.role} may not verify`);
      return await fullCheck(db, keyFile, unlocked.candidates);
    } finally {
      db.$client.close();
    }
  } finally {
    for (const key of unlocked.candidates) key.fill(0);
  }
}

function openReadOnly(file: string, candidates: Buffer[]): ArchiveDb {
  for (const key of candidates) {
    try {
      return openArchive({ file, key, mode: 'open', readonly: true });
    } catch (error) {
      if (isAppError(error) && error.code === 'WRONG_KEY') continue;
      throw error;
    }
  }
  throw new AppError('ARCHIVE_CORRUPT', 'no archive key in the key file opens this archive');
}
