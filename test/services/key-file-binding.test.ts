import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchive, rekeyArchive } from '../../main/services/archive/archive.service';
import { verifyArchive, verifyArchiveFile } from '../../main/services/archive/verify.service';
import { addUser } from '../../main/services/auth/users.service';
import { keyFilePath } from '../../main/services/keyring/key-file';
import { generateKeyPair } from '../../main/services/keyring/primitives';
import { ADMIN, expectAppError, fixedClock, sessionTracker, tempDir } from './archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

async function archive() {
  const file = path.join(tempDir('key-binding'), 'branch.redress');
  const created = await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行' },
    terminalCode: 'T1',
    admin: ADMIN,
    clock: fixedClock,
  });
  return { file, ...created };
}

function editKeyFile(file: string, edit: (json: { recovery: { publicKey: string } }) => void): Buffer {
  const json = JSON.parse(fs.readFileSync(keyFilePath(file), 'utf8')) as { recovery: { publicKey: string } };
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
    expect(verifyArchive(admin.ctx).keyFile).toBe('changed');
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
    expect(verifyArchive(admin.ctx)).toMatchObject({ ok: true, keyFile: 'intact' });
  });
});
