import fs from 'node:fs';
import { appendEvent } from '../../../db/repos/history.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';
import { passwordSchema } from '../../../shared/domain/auth';
import { AppError, isAppError } from '../../../shared/errors';
import { parseInput } from '../access-guards';
import { openWithCandidates } from '../archive/open-with-keys';
import { makeSession, type ArchiveSession } from '../archive/session';
import { systemClock, type Clock } from '../context';
import { readSettings } from '../reference/settings.service';
import { normaliseUsername, readKeyFile, writeKeyFile } from '../keyring/key-file';
import { findSlot, putSlot, rewrapSlot, unlockWithPassword } from '../keyring/keyring';
import { settlePiiAtSignIn } from '../keyring/pii-access';
import { heldKeyOf } from '../keyring/session-keys';
import type { SignInFailureLog, SignInFailureReason } from './sign-in-failures';
import type { SignInThrottle } from './throttle';

export type { ArchiveSession } from '../archive/session';
export { SignInThrottle } from './throttle';

export interface OpenSessionInput {
  file: string;
  username: string;
  password: string;
  /** Fixed time for tests; by default the system clock on the archive's configured time zone. */
  clock?: Clock;
  /** The archive's throttle (ArchiveSignInThrottle: kept beside it, shared by the app and the CLI). */
  throttle?: SignInThrottle;
  /** Failed sign-ins to record at the next successful one (sign-in-failures.ts). */
  failures?: SignInFailureLog;
}

/**
 * Signs in: the password unwraps the user's key slot, which yields the archive key, which opens
 * the archive. A wrong password fails before the archive file is opened at all.
 */
export async function openSession(input: OpenSessionInput): Promise<ArchiveSession> {
  const username = normaliseUsername(input.username);
  const failed = (reason: SignInFailureReason) =>
    input.failures?.record(input.file, username, (input.clock ?? systemClock).now(), reason);
  try {
    input.throttle?.check(username);
  } catch (error) {
    failed('throttled');
    throw error;
  }
  if (!fs.existsSync(input.file))
    throw new AppError('ARCHIVE_NOT_FOUND', input.file, { params: { file: input.file } });
  const keyFile = readKeyFile(input.file);
  let candidates: Buffer[];
  let slotPrivateKey: Buffer;
  try {
    const unlocked = await unlockWithPassword(keyFile, username, input.password);
    slotPrivateKey = unlocked.privateKey;
    candidates = unlocked.candidates;
  } catch (error) {
    if (isAppError(error) && error.code === 'WRONG_PASSWORD') {
      input.throttle?.recordFailure(username);
      failed('wrong_password');
    }
    throw error;
  }
  const { db, archiveKey } = openWithCandidates(input.file, keyFile, candidates);
  try {
    const user = findUserByUsername(db, username);
    // A deactivated user's slot is removed; this catches a slot that outlived its user row.
    if (!user || !user.isActive) {
      input.throttle?.recordFailure(username);
      failed('wrong_password');
      throw new AppError('WRONG_PASSWORD', 'user is missing or deactivated');
    }
    const clock = input.clock ?? { now: systemClock.now, timeZone: readSettings(db).timeZone };
    const session = makeSession(input.file, db, user, clock, archiveKey);
    settlePiiAtSignIn(db, session.actor, clock, slotPrivateKey);
    let forgetWritten = () => {};
    db.transaction(() => {
      forgetWritten = input.failures?.writeInto(db, input.file) ?? forgetWritten;
      appendEvent(db, {
        caseId: null,
        type: 'auth.signed_in',
        actorUserId: user.id,
        at: clock.now(),
        payload: {},
      });
    });
    forgetWritten();
    input.throttle?.recordSuccess(username);
    return session;
  } catch (error) {
    db.$client.close();
    throw error;
  } finally {
    for (const key of candidates) key.fill(0);
    slotPrivateKey.fill(0);
  }
}

/** Re-wraps only the signed-in user's private key: no re-encryption, other slots untouched. */
export async function changePassword(
  session: ArchiveSession,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const newPassword = parseInput(passwordSchema, input.newPassword, 'newPassword');
  const { file } = heldKeyOf(session.db);
  const unlocked = await unlockWithPassword(readKeyFile(file), session.actor.username, input.currentPassword);
  for (const key of unlocked.candidates) key.fill(0);
  const keyFile = readKeyFile(file);
  const slot = findSlot(keyFile, session.actor.username);
  if (!slot) throw new AppError('WRONG_PASSWORD', 'key slot vanished');
  const rewrapped = await rewrapSlot(keyFile, slot, unlocked.privateKey, newPassword);
  unlocked.privateKey.fill(0);
  session.db.transaction(() => {
    appendEvent(session.db, {
      caseId: null,
      type: 'user.password_changed',
      actorUserId: session.actor.userId,
      at: session.clock.now(),
      payload: { userId: session.actor.userId },
    });
    // Re-read: only this slot's wrapping changes, whatever else changed while scrypt ran.
    const current = readKeyFile(file);
    const currentSlot = findSlot(current, session.actor.username);
    if (!currentSlot) throw new AppError('WRONG_PASSWORD', 'key slot vanished');
    const next = putSlot(current, { ...currentSlot, wrappedPrivateKey: rewrapped.wrappedPrivateKey });
    writeKeyFile(file, next, heldKeyOf(session.db).archiveKey);
  });
}
