import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey, rekeyFile } from '../../../db/open';
import { rekeyArchive } from '../../../main/services/archive/archive.service';
import { recoverWithRecoveryKey } from '../../../main/services/auth/recovery.service';
import { readKeyFile, writeKeyFile } from '../../../main/services/keyring/key-file';
import { hasPending, unlockWithPassword, withPendingKey } from '../../../main/services/keyring/keyring';
import { ADMIN, newArchive, sessionTracker } from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

/** Step 1 of a rekey happened (the key file has the new key as pending); the machine stopped. */
async function interruptedRekey(file: string): Promise<{ oldKey: Buffer; newKey: Buffer }> {
  const keyFile = readKeyFile(file);
  const [oldKey] = (await unlockWithPassword(keyFile, 'admin', ADMIN.password)).candidates;
  const newKey = crypto.randomBytes(32);
  writeKeyFile(file, withPendingKey(keyFile, newKey), oldKey!);
  return { oldKey: oldKey!, newKey };
}

/** Step 2 as rekeyArchive does it, on a raw connection. */
function reencrypt(file: string, oldKey: Buffer, newKey: Buffer): void {
  const client = new Database(file);
  applyKey(client, oldKey);
  client.prepare('SELECT count(*) FROM sqlite_master').get();
  client.pragma('journal_mode = DELETE');
  rekeyFile(client, newKey);
  client.close();
}

describe('a rekey interrupted by a crash', () => {
  it('before re-encryption: the current key opens it and the pending key is dropped', async () => {
    const { file } = await newArchive('crash-before');
    await interruptedRekey(file);
    const session = await sessions.open(file, 'admin', ADMIN.password);
    expect(session.actor.username).toBe('admin');
    expect(hasPending(readKeyFile(file))).toBe(false);
  });

  it('after re-encryption: the pending key opens it and becomes current, for users and recovery', async () => {
    const { file, recoveryKey } = await newArchive('crash-after');
    const before = fs.readFileSync(file);
    const { oldKey, newKey } = await interruptedRekey(file);
    reencrypt(file, oldKey, newKey);
    expect(fs.readFileSync(file).subarray(0, 4096).equals(before.subarray(0, 4096))).toBe(false);

    const session = await sessions.open(file, 'admin', ADMIN.password);
    expect(session.actor.username).toBe('admin');
    const settled = readKeyFile(file);
    expect(hasPending(settled)).toBe(false);
    expect((await unlockWithPassword(settled, 'admin', ADMIN.password)).candidates).toEqual([newKey]);
    sessions.closeAll();

    await recoverWithRecoveryKey({ file, recoveryKey, username: 'admin', newPassword: 'after the crash' });
    expect((await sessions.open(file, 'admin', 'after the crash')).actor.role).toBe('admin');
  });
});

describe('a rekey while another connection has the archive open', () => {
  it('is refused as busy; the key file is unchanged and both sessions keep working', async () => {
    const { file } = await newArchive('rekey-busy');
    const first = await sessions.open(file, 'admin', ADMIN.password);
    const second = await sessions.open(file, 'admin', ADMIN.password);
    const keys = fs.readFileSync(`${file}.keys`);
    await expect(rekeyArchive(first)).rejects.toMatchObject({ code: 'ARCHIVE_BUSY' });
    expect(fs.readFileSync(`${file}.keys`)).toEqual(keys);
    expect(second.db.$client.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    expect(first.db.$client.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
  });
});
