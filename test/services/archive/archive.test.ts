import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getArchiveInfo } from '../../../db/repos/meta.repo';
import { createArchive, rekeyArchive } from '../../../main/services/archive/archive.service';
import { changePassword, openSession } from '../../../main/services/auth/auth.service';
import { recoverWithRecoveryKey } from '../../../main/services/auth/recovery.service';
import { addUser } from '../../../main/services/auth/users.service';
import { readKeyFile } from '../../../main/services/keyring/key-file';
import { findSlot } from '../../../main/services/keyring/keyring';
import { DEFAULT_SCRYPT } from '../../../main/services/keyring/primitives';
import {
  ADMIN,
  expectAppError,
  fingerprint,
  fixedClock,
  identicalPages,
  newArchive,
  PAGE_SIZE,
  sessionTracker,
  tempDir,
  TEST_SCRYPT,
} from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

const LI_SI = { username: 'li.si', displayName: '李四', role: 'clerk', branchCode: 'BJ01' } as const;

/** A user's slot derivation without its salt. */
function slotCost(file: string, username: string): object {
  const { salt: _salt, ...cost } = findSlot(readKeyFile(file), username)!.wrappedPrivateKey.kdf;
  return cost;
}

function eventTypes(session: {
  db: { $client: { prepare(sql: string): { pluck(): { all(): unknown[] } } } };
}): unknown[] {
  return session.db.$client.prepare('SELECT type FROM history_events ORDER BY seq').pluck().all();
}

describe('creating an archive', () => {
  it('makes an encrypted file, its key file, the admin, defaults and the first history', async () => {
    // The app's own password cost (the other tests of this file take TEST_SCRYPT).
    const { file, recoveryKey } = await newArchive('create', { scrypt: DEFAULT_SCRYPT });
    expect(recoveryKey).toMatch(/^(\w{7}-){7}\w{7}$/);
    expect(fs.existsSync(`${file}.keys`)).toBe(true);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
    // The admin's password is stretched with the app's parameters unless a test asks for fewer.
    const [slot] = readKeyFile(file).slots;
    expect(slot!.wrappedPrivateKey.kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    expect(readKeyFile(file).passwordKdf).toEqual({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });

    const session = await sessions.open(file, 'ADMIN', ADMIN.password);
    expect(session.actor).toMatchObject({
      username: 'admin',
      displayName: ADMIN.displayName,
      role: 'admin',
      branchCode: 'BJ01',
    });
    const info = getArchiveInfo(session.db);
    expect(info).toMatchObject({ branchCode: 'BJ01', terminalCode: 'T1', createdAt: fixedClock.now() });
    expect(info.installationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(eventTypes(session)).toEqual(['archive.created', 'user.added', 'auth.signed_in']);
    const taxonomyRows = session.db.$client.prepare('SELECT count(*) FROM taxonomy_codes').pluck().get();
    expect(taxonomyRows).toBeGreaterThan(20);

    // Passwords set later in an app-made archive get the app's parameters too.
    await addUser(session.ctx, { ...LI_SI, password: 'clerk pass 123' });
    await changePassword(session, { currentPassword: ADMIN.password, newPassword: 'second pass 2' });
    for (const username of ['li.si', 'admin'])
      expect(slotCost(file, username)).toEqual({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
  });

  it('refuses to overwrite an existing archive and leaves it as it was', async () => {
    const { file } = await newArchive('exists');
    const before = fingerprint(file);
    const keysBefore = fs.readFileSync(`${file}.keys`);
    await expectAppError(
      createArchive({ file, branch: { code: 'SH01', name: '上海' }, terminalCode: 'T9', admin: ADMIN }),
      'ARCHIVE_EXISTS',
    );
    expect(fingerprint(file)).toEqual(before);
    expect(fs.readFileSync(`${file}.keys`)).toEqual(keysBefore);
  });

  it('leaves no file behind when it fails half-way or the input is invalid', async () => {
    const dir = tempDir('create-fail');
    const file = path.join(dir, 'a.redress');
    const failingClock = {
      now: (): number => {
        throw new Error('clock broke');
      },
      timeZone: 'Asia/Shanghai',
    };
    await expect(
      createArchive({
        file,
        branch: { code: 'BJ01', name: '北京' },
        terminalCode: 'T1',
        admin: ADMIN,
        clock: failingClock,
      }),
    ).rejects.toThrow('clock broke');
    expect(fs.readdirSync(dir)).toEqual([]);
    await expectAppError(
      createArchive({
        file,
        branch: { code: 'BJ 01', name: '北京' },
        terminalCode: 'T1',
        admin: { ...ADMIN, password: 'short' },
      }),
      'VALIDATION',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('signing in', () => {
  it('refuses a wrong password and an unknown user without touching the files', async () => {
    const { file } = await newArchive('wrong-pw');
    const archive = fingerprint(file);
    const keys = fingerprint(`${file}.keys`);
    await expectAppError(
      openSession({ file, username: 'admin', password: 'not the password' }),
      'WRONG_PASSWORD',
    );
    await expectAppError(
      openSession({ file, username: 'ghost', password: ADMIN.password }),
      'WRONG_PASSWORD',
    );
    expect(fingerprint(file)).toEqual(archive);
    expect(fingerprint(`${file}.keys`)).toEqual(keys);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['branch.redress', 'branch.redress.keys']);
  });

  it('does not store a display name in the clear anywhere on disk', async () => {
    const { file } = await newArchive('plaintext');
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    await addUser(admin.ctx, {
      username: 'zhang.sf',
      displayName: '张三丰',
      role: 'handler',
      branchCode: 'BJ01',
      password: 'taiji-1234',
    });
    const onDisk = () =>
      fs.readdirSync(path.dirname(file)).map((name) => fs.readFileSync(path.join(path.dirname(file), name)));
    // While open (WAL and all) and after closing, neither the name nor the user name appears.
    for (const bytes of [...onDisk(), ...(sessions.closeAll(), onDisk())]) {
      expect(bytes.includes(Buffer.from('张三丰'))).toBe(false);
      expect(bytes.includes(Buffer.from('zhang.sf'))).toBe(false);
    }
  });
});

describe('the recovery key', () => {
  it('sets a new password; a mistyped or foreign recovery key is refused and changes nothing', async () => {
    const { file, recoveryKey } = await newArchive('recovery');
    const other = await newArchive('recovery-other');
    const archive = fingerprint(file);
    const keys = fingerprint(`${file}.keys`);
    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const input = { file, username: 'admin', newPassword: 'brand new pass' };
    await expectAppError(recoverWithRecoveryKey({ ...input, recoveryKey: typo }), 'WRONG_RECOVERY_KEY');
    await expectAppError(
      recoverWithRecoveryKey({ ...input, recoveryKey: other.recoveryKey }),
      'WRONG_RECOVERY_KEY',
    );
    expect(fingerprint(file)).toEqual(archive);
    expect(fingerprint(`${file}.keys`)).toEqual(keys);

    await recoverWithRecoveryKey({ ...input, recoveryKey: recoveryKey.toLowerCase() });
    await expectAppError(
      openSession({ file, username: 'admin', password: ADMIN.password }),
      'WRONG_PASSWORD',
    );
    const session = await sessions.open(file, 'admin', 'brand new pass');
    expect(eventTypes(session)).toContain('auth.recovered');
    // The new slot takes the archive's parameters (this test archive's TEST_SCRYPT).
    expect(slotCost(file, 'admin')).toEqual({ name: 'scrypt', ...TEST_SCRYPT });
  });
});

describe('changing a password', () => {
  it('re-wraps only the key slot: old password refused, new accepted, archive not re-encrypted', async () => {
    const { file } = await newArchive('change-pw');
    const before = fs.readFileSync(file);
    const session = await sessions.open(file, 'admin', ADMIN.password);
    await expectAppError(
      changePassword(session, { currentPassword: 'wrong one!', newPassword: 'second pass 2' }),
      'WRONG_PASSWORD',
    );
    await expectAppError(
      changePassword(session, { currentPassword: ADMIN.password, newPassword: 'short' }),
      'VALIDATION',
    );
    await changePassword(session, { currentPassword: ADMIN.password, newPassword: 'second pass 2' });
    sessions.closeAll();

    const pages = identicalPages(before, fs.readFileSync(file));
    // Two small transactions touch a few pages; a re-encryption would change every one.
    expect(pages.same).toBeGreaterThan(pages.total / 2);
    expect(fs.readFileSync(file).subarray(0, PAGE_SIZE)).toEqual(before.subarray(0, PAGE_SIZE));
    await expectAppError(
      openSession({ file, username: 'admin', password: ADMIN.password }),
      'WRONG_PASSWORD',
    );
    const again = await sessions.open(file, 'admin', 'second pass 2');
    expect(eventTypes(again)).toContain('user.password_changed');
    expect(slotCost(file, 'admin')).toEqual({ name: 'scrypt', ...TEST_SCRYPT });
  });
});

describe('rekeying', () => {
  it('re-encrypts the file; every user, and the recovery key, still get in', async () => {
    const { file, recoveryKey } = await newArchive('rekey');
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    await addUser(admin.ctx, {
      username: 'li.si',
      displayName: '李四',
      role: 'clerk',
      branchCode: 'BJ01',
      password: 'clerk-pass-1',
    });
    sessions.closeAll();
    const before = fs.readFileSync(file);

    const session = await sessions.open(file, 'admin', ADMIN.password);
    await rekeyArchive(session);
    // The session keeps working on the re-keyed file.
    await addUser(session.ctx, {
      username: 'wang.wu',
      displayName: '王五',
      role: 'handler',
      branchCode: 'BJ01',
      password: 'handler-pass',
    });
    sessions.closeAll();

    const pages = identicalPages(before, fs.readFileSync(file));
    expect(pages.total).toBeGreaterThan(10);
    expect(pages.same).toBe(0);
    const keyFile = JSON.parse(fs.readFileSync(`${file}.keys`, 'utf8')) as { slots: { pending?: unknown }[] };
    expect(keyFile.slots.every((slot) => slot.pending === undefined)).toBe(true);

    for (const [user, password] of [
      ['admin', ADMIN.password],
      ['li.si', 'clerk-pass-1'],
      ['wang.wu', 'handler-pass'],
    ]) {
      const s = await sessions.open(file, user!, password!);
      expect(s.actor.username).toBe(user);
    }
    const types = eventTypes(await sessions.open(file, 'admin', ADMIN.password));
    expect(types).toContain('archive.rekeyed');
    sessions.closeAll();
    await recoverWithRecoveryKey({ file, recoveryKey, username: 'admin', newPassword: 'recovered-pass' });
    expect((await sessions.open(file, 'admin', 'recovered-pass')).actor.role).toBe('admin');
  });
});
