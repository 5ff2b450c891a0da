import fs from 'node:fs';
import { appendEvent } from '../../../db/repos/history.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';
import { passwordSchema } from '../../../shared/domain/auth';
import { AppError, isAppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import { openWithCandidates } from '../archive/open-with-keys';
import { systemClock, type Clock, type ServiceContext } from '../context';
import { normaliseUsername, readKeyFile, writeKeyFile } from '../keyring/key-file';
import {
  hasPending,
  makeSlot,
  putSlot,
  sealSlot,
  unlockWithRecoverySeed,
  withRecoverySeed,
} from '../keyring/keyring';
import {
  formatRecoveryKey,
  generateRecoverySeed,
  parseRecoveryKey,
  recoveryFingerprint,
} from '../keyring/recovery-key';
import { piiHoldersOf, reconcilePiiAccess } from '../keyring/pii-access';
import { reconcilePiiSlots, unsealPiiForRecovery } from '../keyring/pii-keys';
import { heldKeyOf } from '../keyring/session-keys';
import type { SignInThrottle } from './throttle';

/**
 * All recovery attempts share one throttle entry, whatever user name they name: the recovery key
 * is one secret per archive, so guessing it must not get fresh attempts by changing the name.
 * User names cannot contain spaces, so this never collides with a real user's entry.
 */
export const RECOVERY_THROTTLE_KEY = ' recovery key';

export interface RecoverInput {
  file: string;
  recoveryKey: string;
  username: string;
  newPassword: string;
  clock?: Clock;
  throttle?: SignInThrottle;
}

/** Proves the recovery key; a wrong one (typo, other archive) counts as a failed attempt. */
function unlockWithTypedKey(input: RecoverInput) {
  input.throttle?.check(RECOVERY_THROTTLE_KEY);
  if (!fs.existsSync(input.file))
    throw new AppError('ARCHIVE_NOT_FOUND', input.file, { params: { file: input.file } });
  const keyFile = readKeyFile(input.file);
  try {
    const seed = parseRecoveryKey(input.recoveryKey);
    const unlocked = unlockWithRecoverySeed(keyFile, seed);
    // The recovery key also opens the PII key, so the recovered admin can see identifiers again.
    const piiKey = unsealPiiForRecovery(keyFile, seed);
    seed.fill(0);
    unlocked.privateKey.fill(0);
    return { keyFile, candidates: unlocked.candidates, piiKey };
  } catch (error) {
    if (isAppError(error) && error.code === 'WRONG_RECOVERY_KEY')
      input.throttle?.recordFailure(RECOVERY_THROTTLE_KEY);
    throw error;
  }
}

/**
 * Sets a new password for an administrator who forgot theirs, with the recovery key. Only admin
 * accounts: anyone else has an admin to reset their password. The user gets a new key pair (the
 * old private key is lost with the old password); nothing else in the key file changes.
 */
export async function recoverWithRecoveryKey(input: RecoverInput): Promise<void> {
  const newPassword = parseInput(passwordSchema, input.newPassword, 'newPassword');
  const username = normaliseUsername(input.username);
  const { keyFile, candidates, piiKey } = unlockWithTypedKey(input);
  const { db, archiveKey } = openWithCandidates(input.file, keyFile, candidates);
  try {
    const user = findUserByUsername(db, username);
    if (!user || !user.isActive) throw new AppError('NOT_FOUND', 'no active user with this name');
    if (user.role !== 'admin') throw new AppError('RECOVERY_ADMIN_ONLY', 'recovery is for admin accounts');
    // The key file as it is now the archive is open (a legacy one was bound: passwordKdfOf).
    const slot = await makeSlot(readKeyFile(input.file), username, newPassword, archiveKey);
    const clock = input.clock ?? systemClock;
    db.transaction(() => {
      appendEvent(db, {
        caseId: null,
        type: 'auth.recovered',
        actorUserId: user.id,
        at: clock.now(),
        payload: { userId: user.id },
      });
      const next = putSlot(readKeyFile(input.file), sealSlot(slot, archiveKey));
      writeKeyFile(input.file, reconcilePiiSlots(next, piiHoldersOf(db), piiKey), archiveKey);
    });
    input.throttle?.recordSuccess(RECOVERY_THROTTLE_KEY);
  } finally {
    db.$client.close();
    for (const key of candidates) key.fill(0);
    piiKey?.fill(0);
  }
}

export interface IssuedRecoveryKey {
  /** Shown once, to be printed or written down; never stored. */
  recoveryKey: string;
  fingerprint: string;
}

/**
 * Issues a new recovery key (the old one stops working at once): the archive key held by the
 * admin's session is sealed to it. Recorded as an event with the new key's fingerprint only.
 */
export function rotateRecoveryKey(ctx: ServiceContext): IssuedRecoveryKey {
  requirePermission(ctx, 'archive:manage');
  const seed = generateRecoverySeed();
  try {
    let fingerprint = '';
    ctx.db.transaction(() => {
      const { file, archiveKey } = heldKeyOf(ctx.db);
      const current = readKeyFile(file);
      if (hasPending(current)) throw new AppError('ARCHIVE_BUSY', 'a rekey is unfinished');
      // The new recovery entry gets the PII key again (held by this admin's session).
      const next = reconcilePiiAccess(ctx.db, withRecoverySeed(current, seed, archiveKey));
      fingerprint = recoveryFingerprint(next.recovery.publicKey);
      appendEvent(ctx.db, {
        caseId: null,
        type: 'auth.recovery_key_rotated',
        actorUserId: ctx.actor.userId,
        at: ctx.clock.now(),
        payload: { fingerprint, previous: recoveryFingerprint(current.recovery.publicKey) },
      });
      writeKeyFile(file, next, archiveKey);
    });
    return { recoveryKey: formatRecoveryKey(seed), fingerprint };
  } finally {
    seed.fill(0);
  }
}

/** The fingerprint of the recovery key the archive accepts now, to compare with the printed sheet. */
export function currentRecoveryFingerprint(ctx: ServiceContext): string {
  requirePermission(ctx, 'archive:manage');
  return recoveryFingerprint(readKeyFile(heldKeyOf(ctx.db).file).recovery.publicKey);
}
