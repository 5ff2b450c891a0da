import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  keyFileMac,
  keyFilePath,
  readKeyFile,
  slotIdFor,
  writeKeyFile,
} from '../../../main/services/keyring/key-file';
import {
  createKeyFile,
  dropPending,
  findSlot,
  makeSlot,
  passwordKdfOf,
  promotePending,
  putSlot,
  removeSlot,
  rewrapSlot,
  unlockWithPassword,
  unlockWithRecoverySeed,
  withPendingKey,
} from '../../../main/services/keyring/keyring';
import {
  DEFAULT_SCRYPT,
  generateKeyPair,
  keyPairFromSeed,
  SCRYPT_FLOOR,
  seal,
  unseal,
} from '../../../main/services/keyring/primitives';
import {
  formatRecoveryKey,
  generateRecoverySeed,
  parseRecoveryKey,
} from '../../../main/services/keyring/recovery-key';
import { expectAppError, tempDir } from '../../helpers/archive-test-utils';

// Cheap scrypt for the unit tests: recorded in the key file for every later slot, and per slot, so
// unlocking follows them.
const FAST = { N: 2 ** 12, r: 8, p: 1 };

async function sampleKeyFile() {
  const archiveKey = crypto.randomBytes(32);
  const seed = generateRecoverySeed();
  const keyFile = await createKeyFile({
    archiveKey,
    recoverySeed: seed,
    admin: { username: 'Admin', password: 'pw-admin-1' },
    scrypt: FAST,
  });
  return { archiveKey, seed, keyFile };
}

describe('the recovery key', () => {
  it('is 8 groups of 7 and reads back despite case, spaces and look-alike letters', () => {
    const seed = generateRecoverySeed();
    const text = formatRecoveryKey(seed);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{7}-){7}[0-9A-HJKMNP-TV-Z]{7}$/);
    expect(parseRecoveryKey(text)).toEqual(seed);
    const sloppy = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseRecoveryKey(sloppy)).toEqual(seed);
  });

  it('catches a single mistyped character by its checksum', async () => {
    const text = formatRecoveryKey(generateRecoverySeed());
    const index = 10;
    const wrong = text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1);
    await expectAppError(() => parseRecoveryKey(wrong), 'WRONG_RECOVERY_KEY');
    await expectAppError(() => parseRecoveryKey(text.slice(0, -1)), 'WRONG_RECOVERY_KEY');
  });
});

describe('sealing', () => {
  it('opens only with the recipient private key', () => {
    const secret = crypto.randomBytes(32);
    const alice = generateKeyPair();
    const bob = generateKeyPair();
    const box = seal(secret, alice.publicKey);
    expect(unseal(box, alice.privateKey)).toEqual(secret);
    expect(unseal(box, bob.privateKey)).toBeNull();
  });

  it('derives the same recovery key pair from the same seed', () => {
    const seed = crypto.randomBytes(32);
    expect(keyPairFromSeed(seed).publicKey).toEqual(keyPairFromSeed(Buffer.from(seed)).publicKey);
  });
});

describe('key slots', () => {
  it('unlock with the right password only, and hide user names', async () => {
    const { archiveKey, keyFile } = await sampleKeyFile();
    const unlocked = await unlockWithPassword(keyFile, 'ADMIN', 'pw-admin-1');
    expect(unlocked.candidates).toEqual([archiveKey]);
    await expectAppError(unlockWithPassword(keyFile, 'admin', 'pw-admin-2'), 'WRONG_PASSWORD');
    await expectAppError(unlockWithPassword(keyFile, 'nobody', 'pw-admin-1'), 'WRONG_PASSWORD');
    expect(JSON.stringify(keyFile).toLowerCase()).not.toContain('admin');
    expect(keyFile.slots[0]?.id).toBe(slotIdFor(keyFile, 'admin'));
  });

  it('re-wraps a slot for a new password without touching the sealed key', async () => {
    const { archiveKey, keyFile } = await sampleKeyFile();
    const slot = findSlot(keyFile, 'admin')!;
    const { privateKey } = await unlockWithPassword(keyFile, 'admin', 'pw-admin-1');
    const next = putSlot(keyFile, await rewrapSlot(keyFile, slot, privateKey, 'new-pass-99'));
    expect(findSlot(next, 'admin')?.sealed).toEqual(slot.sealed);
    await expectAppError(unlockWithPassword(next, 'admin', 'pw-admin-1'), 'WRONG_PASSWORD');
    expect((await unlockWithPassword(next, 'admin', 'new-pass-99')).candidates).toEqual([archiveKey]);
  });

  it('adds and removes other users', async () => {
    const { archiveKey, keyFile } = await sampleKeyFile();
    const withUser = putSlot(keyFile, await makeSlot(keyFile, 'li.si', 'pw-lisi-12', archiveKey));
    expect((await unlockWithPassword(withUser, 'li.si', 'pw-lisi-12')).candidates).toEqual([archiveKey]);
    await expectAppError(
      unlockWithPassword(removeSlot(withUser, 'li.si'), 'li.si', 'pw-lisi-12'),
      'WRONG_PASSWORD',
    );
  });

  it('take every later password at the parameters chosen at creation, never below the floor', async () => {
    const { archiveKey, keyFile } = await sampleKeyFile();
    expect(keyFile.passwordKdf).toEqual({ name: 'scrypt', ...FAST });
    const costOf = (slot: { wrappedPrivateKey: { kdf: object } }) => {
      const { salt: _salt, ...kdf } = slot.wrappedPrivateKey.kdf as { salt: string };
      return kdf;
    };
    const slot = await makeSlot(keyFile, 'li.si', 'pw-lisi-12', archiveKey);
    expect(costOf(slot)).toEqual({ name: 'scrypt', ...FAST });
    const { privateKey } = await unlockWithPassword(keyFile, 'admin', 'pw-admin-1');
    const admin = findSlot(keyFile, 'admin')!;
    expect(costOf(await rewrapSlot(keyFile, admin, privateKey, 'new-pass-99'))).toEqual({
      name: 'scrypt',
      ...FAST,
    });
    // A key file naming less than creation allows (edited by hand) still gets the floor.
    const lowered = { ...keyFile, passwordKdf: { name: 'scrypt' as const, N: 2, r: 1, p: 1 } };
    expect(passwordKdfOf(lowered)).toEqual(SCRYPT_FLOOR);
    expect(costOf(await makeSlot(lowered, 'wang.wu', 'pw-wangwu-1', archiveKey))).toEqual({
      name: 'scrypt',
      ...SCRYPT_FLOOR,
    });
    // Key files from before the field: the app's parameters.
    const { passwordKdf: _recorded, ...older } = keyFile;
    expect(passwordKdfOf(older)).toEqual(DEFAULT_SCRYPT);
    // Creation itself refuses anything cheaper than the floor.
    await expect(
      createKeyFile({
        archiveKey,
        recoverySeed: generateRecoverySeed(),
        admin: { username: 'Admin', password: 'pw-admin-1' },
        scrypt: { N: 2 ** 11, r: 8, p: 1 },
      }),
    ).rejects.toThrow(/SCRYPT_FLOOR/);
  });

  it('offers the pending key of an interrupted rekey, then settles on one', async () => {
    const { archiveKey, seed, keyFile } = await sampleKeyFile();
    const newKey = crypto.randomBytes(32);
    const pending = withPendingKey(keyFile, newKey);
    expect((await unlockWithPassword(pending, 'admin', 'pw-admin-1')).candidates).toEqual([
      archiveKey,
      newKey,
    ]);
    expect(unlockWithRecoverySeed(pending, seed).candidates).toEqual([archiveKey, newKey]);
    expect(unlockWithRecoverySeed(promotePending(pending, newKey), seed).candidates).toEqual([newKey]);
    expect((await unlockWithPassword(dropPending(pending), 'admin', 'pw-admin-1')).candidates).toEqual([
      archiveKey,
    ]);
  });

  it('refuses a recovery key of another archive', async () => {
    const { keyFile } = await sampleKeyFile();
    await expectAppError(() => unlockWithRecoverySeed(keyFile, generateRecoverySeed()), 'WRONG_RECOVERY_KEY');
  });
});

describe('the key file on disk', () => {
  it('round-trips and leaves no temp file behind', async () => {
    const { keyFile } = await sampleKeyFile();
    const dir = tempDir('keyfile');
    const archive = path.join(dir, 'a.redress');
    const archiveKey = Buffer.alloc(32, 7);
    writeKeyFile(archive, keyFile, archiveKey);
    writeKeyFile(archive, keyFile, archiveKey);
    expect(readKeyFile(archive)).toEqual({ ...keyFile, mac: keyFileMac(keyFile, archiveKey) });
    expect(fs.readdirSync(dir)).toEqual([path.basename(keyFilePath(archive))]);
  });

  it('reports a damaged key file as ARCHIVE_CORRUPT', async () => {
    const dir = tempDir('keyfile');
    const archive = path.join(dir, 'a.redress');
    fs.writeFileSync(keyFilePath(archive), '{"format":"redress-keys"');
    await expectAppError(() => readKeyFile(archive), 'KEY_FILE_CORRUPT');
  });
});
