import crypto from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { slotIdFor, type KeyFile, type KeySlot, type SealedEntry } from './key-file';
import {
  aeadDecrypt,
  aeadEncrypt,
  atLeastScryptFloor,
  b64,
  DEFAULT_SCRYPT,
  deriveWrappingKey,
  fromB64,
  generateKeyPair,
  keyPairFromSeed,
  seal,
  unseal,
  type ScryptParams,
} from './primitives';

/**
 * Pure operations on a KeyFile value (reading and writing the file is key-file.ts). Nothing here
 * touches the archive; the services decide when the new key file is written.
 */

/** What a password or the recovery key unlocks: the archive key(s) to try, current first. */
export interface Unlocked {
  privateKey: Buffer;
  /** The current archive key, then the pending one when a rekey was interrupted. */
  candidates: Buffer[];
}

function wrapAad(slotId: string): string {
  return `redress slot ${slotId}`;
}

async function wrapPrivateKey(
  slotId: string,
  privateKey: Buffer,
  password: string,
  params: ScryptParams,
): Promise<KeySlot['wrappedPrivateKey']> {
  const salt = crypto.randomBytes(16);
  const wrappingKey = await deriveWrappingKey(password, salt, params);
  const box = aeadEncrypt(wrappingKey, privateKey, wrapAad(slotId));
  wrappingKey.fill(0);
  return { ...box, kdf: { name: 'scrypt', ...params, salt: b64(salt) } };
}

/**
 * `scrypt`: the archive's password derivation, recorded in the key file for the administrator's
 * slot and every password set later (`passwordKdfOf`). The app never passes it (DEFAULT_SCRYPT);
 * tests whose subject is not the derivation pass TEST_SCRYPT. Below SCRYPT_FLOOR is refused.
 */
export async function createKeyFile(options: {
  archiveKey: Buffer;
  recoverySeed: Buffer;
  admin: { username: string; password: string };
  scrypt?: ScryptParams;
}): Promise<KeyFile> {
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const floored = atLeastScryptFloor(params);
  if (floored.N !== params.N || floored.r !== params.r || floored.p !== params.p)
    throw new Error('createKeyFile: scrypt parameters below SCRYPT_FLOOR');
  const recovery = keyPairFromSeed(options.recoverySeed);
  const empty: KeyFile = {
    format: 'redress-keys',
    version: 1,
    salt: b64(crypto.randomBytes(16)),
    recovery: { publicKey: b64(recovery.publicKey), sealed: seal(options.archiveKey, recovery.publicKey) },
    slots: [],
    passwordKdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p },
  };
  recovery.privateKey.fill(0);
  const slot = await makeSlot(empty, options.admin.username, options.admin.password, options.archiveKey);
  return putSlot(empty, slot);
}

/**
 * The derivation for every password set in this archive: the one chosen at its creation
 * (`passwordKdf`), so the app's archives stay at DEFAULT_SCRYPT for every user and a test archive
 * made with TEST_SCRYPT does not pay 2^17 for each user it adds.
 *
 * Someone able to write the key file could try to lower the recorded parameters so that the next
 * user added or password changed gets a cheap slot. That does not get written:
 * - `passwordKdf` is covered by the key file's MAC, and every write that adds or re-wraps a slot
 *   (writeKeyFile) first checks the file on disk is intact under the archive key and otherwise
 *   refuses with KEY_FILE_TAMPERED, so a slot derived from edited parameters is thrown away;
 * - a key file without a MAC was written before this field existed, so a `passwordKdf` in it is
 *   not Redress's: it is dropped when the file is bound on its first open (bindLegacyKeyFile),
 *   and the services take the parameters from the file as it is after the archive was opened;
 * - whatever the file says, never below SCRYPT_FLOOR, the least creation accepts.
 */
export function passwordKdfOf(keyFile: KeyFile): ScryptParams {
  const recorded = keyFile.passwordKdf;
  if (!recorded) return DEFAULT_SCRYPT;
  return atLeastScryptFloor({ N: recorded.N, r: recorded.r, p: recorded.p });
}

/**
 * A new slot for a user: a fresh key pair, wrapped under the password (at the archive's
 * `passwordKdfOf`), the archive key sealed to it.
 */
export async function makeSlot(
  keyFile: KeyFile,
  username: string,
  password: string,
  archiveKey: Buffer,
): Promise<KeySlot> {
  const id = slotIdFor(keyFile, username);
  const pair = generateKeyPair();
  const wrappedPrivateKey = await wrapPrivateKey(id, pair.privateKey, password, passwordKdfOf(keyFile));
  pair.privateKey.fill(0);
  return { id, publicKey: b64(pair.publicKey), wrappedPrivateKey, sealed: seal(archiveKey, pair.publicKey) };
}

/** Same key pair, new password (at the archive's `passwordKdfOf`): the archive and every other slot stay as they are. */
export async function rewrapSlot(
  keyFile: KeyFile,
  slot: KeySlot,
  privateKey: Buffer,
  newPassword: string,
): Promise<KeySlot> {
  const params = passwordKdfOf(keyFile);
  return { ...slot, wrappedPrivateKey: await wrapPrivateKey(slot.id, privateKey, newPassword, params) };
}

export function findSlot(keyFile: KeyFile, username: string): KeySlot | undefined {
  const id = slotIdFor(keyFile, username);
  return keyFile.slots.find((slot) => slot.id === id);
}

export function putSlot(keyFile: KeyFile, slot: KeySlot): KeyFile {
  return { ...keyFile, slots: [...keyFile.slots.filter((s) => s.id !== slot.id), slot] };
}

export function removeSlot(keyFile: KeyFile, username: string): KeyFile {
  const id = slotIdFor(keyFile, username);
  return { ...keyFile, slots: keyFile.slots.filter((s) => s.id !== id) };
}

function candidatesOf(
  entry: { sealed: SealedEntry; pending?: SealedEntry | undefined },
  privateKey: Buffer,
): Buffer[] {
  const keys = [unseal(entry.sealed, privateKey)];
  if (entry.pending) keys.push(unseal(entry.pending, privateKey));
  return keys.filter((key): key is Buffer => key !== null && key.length === 32);
}

/**
 * Proves a password. An unknown user costs the same scrypt as a known one (the archive's
 * `passwordKdfOf`, which its slots hold), so timing does not tell which user names exist; both
 * are WRONG_PASSWORD.
 */
export async function unlockWithPassword(
  keyFile: KeyFile,
  username: string,
  password: string,
): Promise<Unlocked> {
  const slot = findSlot(keyFile, username);
  if (!slot) {
    await deriveWrappingKey(password, crypto.randomBytes(16), passwordKdfOf(keyFile));
    throw new AppError('WRONG_PASSWORD', 'no key slot for this user');
  }
  const { kdf, ...box } = slot.wrappedPrivateKey;
  const wrappingKey = await deriveWrappingKey(password, fromB64(kdf.salt), kdf);
  const privateKey = aeadDecrypt(wrappingKey, box, wrapAad(slot.id));
  wrappingKey.fill(0);
  if (!privateKey) throw new AppError('WRONG_PASSWORD', 'password does not unwrap the key slot');
  const candidates = candidatesOf(slot, privateKey);
  if (candidates.length === 0)
    throw new AppError('ARCHIVE_CORRUPT', 'key slot holds no readable archive key');
  return { privateKey, candidates };
}

export function unlockWithRecoverySeed(keyFile: KeyFile, seed: Buffer): Unlocked {
  const pair = keyPairFromSeed(seed);
  if (b64(pair.publicKey) !== keyFile.recovery.publicKey) {
    pair.privateKey.fill(0);
    throw new AppError('WRONG_RECOVERY_KEY', 'recovery key does not belong to this archive');
  }
  const candidates = candidatesOf(keyFile.recovery, pair.privateKey);
  if (candidates.length === 0)
    throw new AppError('ARCHIVE_CORRUPT', 'recovery entry holds no readable archive key');
  return { privateKey: pair.privateKey, candidates };
}

/**
 * A new recovery key: the archive key sealed to the new seed's public key, replacing the old
 * entry, so the old recovery key opens nothing from now on. (Refused mid-rekey by the service.)
 */
export function withRecoverySeed(keyFile: KeyFile, seed: Buffer, archiveKey: Buffer): KeyFile {
  const pair = keyPairFromSeed(seed);
  pair.privateKey.fill(0);
  return {
    ...keyFile,
    recovery: { publicKey: b64(pair.publicKey), sealed: seal(archiveKey, pair.publicKey) },
  };
}

/** Step 1 of a rekey: every slot and the recovery entry also get the new key, as `pending`. */
export function withPendingKey(keyFile: KeyFile, newArchiveKey: Buffer): KeyFile {
  return {
    ...keyFile,
    recovery: { ...keyFile.recovery, pending: seal(newArchiveKey, fromB64(keyFile.recovery.publicKey)) },
    slots: keyFile.slots.map((slot) => ({ ...slot, pending: seal(newArchiveKey, fromB64(slot.publicKey)) })),
  };
}

/**
 * Step 3 of a rekey (or on open after a crash): the new key becomes the current one. An entry
 * without a pending box (added in between) is sealed afresh, so no slot is left on the old key.
 */
export function promotePending(keyFile: KeyFile, newArchiveKey: Buffer): KeyFile {
  const promote = <T extends { publicKey: string; sealed: SealedEntry; pending?: SealedEntry | undefined }>(
    entry: T,
  ): T => {
    const { pending, ...rest } = entry;
    return { ...rest, sealed: pending ?? seal(newArchiveKey, fromB64(entry.publicKey)) } as T;
  };
  return { ...keyFile, recovery: promote(keyFile.recovery), slots: keyFile.slots.map(promote) };
}

/** A rekey that never reached the archive: forget the pending key. */
export function dropPending(keyFile: KeyFile): KeyFile {
  const drop = <T extends { pending?: SealedEntry | undefined }>(entry: T): T => {
    const { pending: _pending, ...rest } = entry;
    return rest as T;
  };
  return { ...keyFile, recovery: drop(keyFile.recovery), slots: keyFile.slots.map(drop) };
}

export function hasPending(keyFile: KeyFile): boolean {
  return keyFile.recovery.pending !== undefined || keyFile.slots.some((slot) => slot.pending !== undefined);
}

/**
 * Seals the archive key held right now to a slot made earlier. Slots are prepared outside the
 * database transaction (scrypt is slow and async) and sealed inside it, so a rekey that ran in
 * between cannot leave the new slot on an old key.
 */
export function sealSlot(slot: KeySlot, archiveKey: Buffer): KeySlot {
  const { pending: _pending, ...rest } = slot;
  return { ...rest, sealed: seal(archiveKey, fromB64(slot.publicKey)) };
}
