import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchive, rekeyArchive } from '../../../main/services/archive/archive.service';
import { verifyArchive, verifyArchiveFile } from '../../../main/services/archive/verify.service';
import { addUser } from '../../../main/services/auth/users.service';
import { keyFilePath, readKeyFile } from '../../../main/services/keyring/key-file';
import { findSlot } from '../../../main/services/keyring/keyring';
import {
  DEFAULT_SCRYPT,
  generateKeyPair,
  type ScryptParams,
} from '../../../main/services/keyring/primitives';
import {
  ADMIN,
  expectAppError,
  fixedClock,
  sessionTracker,
  tempDir,
  TEST_SCRYPT,
} from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

/** `scrypt`: TEST_SCRYPT unless the test is about the app's own password cost. */
async function archive(scrypt: ScryptParams = TEST_SCRYPT) {
  const file = path.join(tempDir('key-binding'), 'branch.redress');
  const created = await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行' },
    terminalCode: 'T1',
    admin: ADMIN,
    clock: fixedClock,
    scrypt,
  });
  return { file, ...created };
}

interface KeyFileJson {
  recovery: { publicKey: string };
  passwordKdf?: { name: 'scrypt'; N: number; r: number; p: number };
}

function editKeyFile(file: string, edit: (json: KeyFileJson) => void): Buffer {
  const json = JSON.parse(fs.readFileSync(keyFilePath(file), 'utf8')) as KeyFileJson;
  edit(json);
  fs.writeFileSync(keyFilePath(file), JSON.stringify(json, null, 2));
  return fs.readFileSync(keyFilePath(file));
}

const credentials = { username: 'admin', password: ADMIN.password };

describe('the key file is bound to its archive (issue 13 item 4)', () => {
  it('verify shows the recovery key fingerprint printed at creation, and an intact key file', async () => {
    const { file, fingerprint } = await archive();
    expect(fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const result = await verifyArchiveFile({ file, ...credentials });
    expect(result).toMatchObject({ ok: true, keyFile: 'intact', recoveryFingerprint: fingerprint });
  });

  it.each([
    ['replaced by an attacker’s key', () => generateKeyPair().publicKey.toString('base64')],
    ['changed in one character', (old: string) => (old[0] === 'A' ? 'B' : 'A') + old.slice(1)],
  ])('a recovery public key %s is reported, and blocks rekey and user changes', async (_label, change) => {
    const { file, fingerprint } = await archive();
    const tampered = editKeyFile(file, (json) => {
      json.recovery.publicKey = change(json.recovery.publicKey);
    });
    const result = await verifyArchiveFile({ file, ...credentials });
    expect(result.ok).toBe(false);
    expect(result.keyFile).toBe('changed');
    expect(result.recoveryFingerprint).not.toBe(fingerprint);

    const admin = await sessions.open(file, 'admin', ADMIN.password);
    expect((await verifyArchive(admin.ctx)).keyFile).toBe('changed');
    await expectAppError(rekeyArchive(admin), 'KEY_FILE_TAMPERED');
    await expectAppError(
      addUser(admin.ctx, {
        username: 'li.si',
        displayName: '李四',
        role: 'clerk',
        branchCode: 'BJ01',
        password: 'clerk-password',
      }),
      'KEY_FILE_TAMPERED',
    );
    expect(fs.readFileSync(keyFilePath(file)).equals(tampered)).toBe(true);
  });

  it('changes made by Redress keep the file bound', async () => {
    const { file } = await archive();
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    await addUser(admin.ctx, {
      username: 'li.si',
      displayName: '李四',
      role: 'clerk',
      branchCode: 'BJ01',
      password: 'clerk-password',
    });
    await rekeyArchive(admin);
    expect(await verifyArchive(admin.ctx)).toMatchObject({ ok: true, keyFile: 'intact' });
  });

  const clerk = {
    username: 'li.si',
    displayName: '李四',
    role: 'clerk' as const,
    branchCode: 'BJ01',
    password: 'clerk-password',
  };
  const stripMac = (file: string) => editKeyFile(file, (json) => delete (json as { mac?: string }).mac);

  it('a key file from before key files carried a MAC is bound at the first sign-in, once', async () => {
    const { file } = await archive();
    // An archive of the earlier version: no marker inside, no MAC beside it.
    const first = await sessions.open(file, 'admin', ADMIN.password);
    first.ctx.db.$client.prepare("DELETE FROM meta WHERE key = 'key_file_bound'").run();
    sessions.closeAll();
    stripMac(file);

    const admin = await sessions.open(file, 'admin', ADMIN.password);
    expect(JSON.parse(fs.readFileSync(keyFilePath(file), 'utf8')).mac).toEqual(expect.any(String));
    expect(await verifyArchive(admin.ctx)).toMatchObject({ ok: true, keyFile: 'intact' });
    await addUser(admin.ctx, clerk);
  });

  it('a password cost found in a key file from before MACs is not carried into the binding', async () => {
    // Key files got `passwordKdf` after they got a MAC: in an unbound file it was put there by hand.
    const { file } = await archive();
    const first = await sessions.open(file, 'admin', ADMIN.password);
    first.ctx.db.$client.prepare("DELETE FROM meta WHERE key = 'key_file_bound'").run();
    sessions.closeAll();
    editKeyFile(file, (json) => {
      delete (json as { mac?: string }).mac;
      json.passwordKdf = { name: 'scrypt', ...TEST_SCRYPT };
    });

    const admin = await sessions.open(file, 'admin', ADMIN.password);
    expect(readKeyFile(file).passwordKdf).toBeUndefined();
    await addUser(admin.ctx, clerk);
    expect(findSlot(readKeyFile(file), clerk.username)!.wrappedPrivateKey.kdf).toMatchObject(DEFAULT_SCRYPT);
  });

  it('a password cost lowered in a bound key file is a change: no cheaper slot is written', async () => {
    const { file } = await archive(DEFAULT_SCRYPT);
    const lowered = editKeyFile(file, (json) => {
      json.passwordKdf = { name: 'scrypt', ...TEST_SCRYPT };
    });
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    expect((await verifyArchive(admin.ctx)).keyFile).toBe('changed');
    await expectAppError(addUser(admin.ctx, clerk), 'KEY_FILE_TAMPERED');
    expect(fs.readFileSync(keyFilePath(file)).equals(lowered)).toBe(true);
  });

  it('a MAC stripped from a bound key file is a change, not an old file', async () => {
    const { file } = await archive();
    const stripped = stripMac(file);
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    expect((await verifyArchive(admin.ctx)).keyFile).toBe('changed');
    await expectAppError(addUser(admin.ctx, clerk), 'KEY_FILE_TAMPERED');
    expect(fs.readFileSync(keyFilePath(file)).equals(stripped)).toBe(true);
  });
});
