import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../db/open';
import { backupArchive, restoreArchive } from '../../../main/services/archive/backup.service';
import { verifyArchiveFile } from '../../../main/services/archive/verify.service';
import { addUser } from '../../../main/services/auth/users.service';
import { addBranch } from '../../../main/services/reference/settings.service';
import {
  ADMIN,
  archiveTemplate,
  copyArchiveFiles,
  expectAppError,
  fingerprint,
  newArchive,
  sessionTracker,
  tempDir,
} from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

const clock = (iso: string) => ({ now: () => Date.parse(iso), timeZone: 'Asia/Shanghai' });

/** A branch archive with three users and a backup made before GZ01 was added: made once, copied per test. */
const branchWithBackup = archiveTemplate(async (label) => {
  const fixture = await newArchive(label);
  const admin = await sessions.open(fixture.file, 'admin', ADMIN.password);
  for (const role of ['clerk', 'analyst', 'supervisor'] as const)
    await addUser(admin.ctx, {
      username: role,
      displayName: role,
      role,
      branchCode: 'BJ01',
      password: `${role}-password`,
    });
  const backupFile = path.join(tempDir(`${label}-dest`), 'copy.redress');
  await backupArchive(admin, backupFile);
  addBranch(admin.ctx, { code: 'GZ01', name: '广州分行' });
  sessions.closeAll();
  return { ...fixture, backupFile };
});

async function archiveWithBackup() {
  const fixture = await branchWithBackup('restore-trust');
  const backupFile = path.join(tempDir('restore-trust-dest'), 'copy.redress');
  copyArchiveFiles(fixture.backupFile, backupFile);
  return { ...fixture, backupFile };
}

/** A fresh archive for tests that damage or alter it: made once, copied per test. */
const freshArchive = archiveTemplate(newArchive);

function listing(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('restore (issue 13 item 1)', () => {
  it('is refused to clerks, analysts and supervisors, and changes nothing', async () => {
    const { dir, file, backupFile } = await archiveWithBackup();
    const before = fingerprint(file);
    const files = listing(dir);
    for (const role of ['clerk', 'analyst', 'supervisor'])
      await expectAppError(
        restoreArchive({ backupFile, targetFile: file, username: role, password: `${role}-password` }),
        'FORBIDDEN',
      );
    expect(fingerprint(file)).toEqual(before);
    expect(listing(dir)).toEqual(files);
  });

  it('refuses a backup made elsewhere by someone who is not an admin of the live archive', async () => {
    const { dir, file } = await archiveWithBackup();
    // A clerk's own archive, where the clerk is the admin, restored over the branch's.
    const own = await newArchive('restore-own');
    const files = listing(dir);
    await expectAppError(
      restoreArchive({ backupFile: own.file, targetFile: file, username: 'admin', password: 'wrong horse' }),
      'WRONG_PASSWORD',
    );
    expect(listing(dir)).toEqual(files);
  });

  it('keeps every safety copy, named by time, and leaves no temporary file', async () => {
    const { dir, file, backupFile } = await archiveWithBackup();
    const credentials = { username: 'admin', password: ADMIN.password };
    const first = await restoreArchive({
      backupFile,
      targetFile: file,
      ...credentials,
      clock: clock('2026-12-06T04:45:01Z'),
    });
    const second = await restoreArchive({
      backupFile,
      targetFile: file,
      ...credentials,
      clock: clock('2026-12-06T04:45:01Z'),
    });
    expect(first.kept).toBe(`${file}.before-restore-20261206T044501Z`);
    expect(second.kept).toBe(`${file}.before-restore-20261206T044501Z-2`);
    // The first safety copy is the original archive, with the branch added after the backup.
    const original = await sessions.open(first.kept!, 'admin', ADMIN.password);
    expect(
      original.db.$client.prepare("SELECT count(*) FROM branches WHERE code = 'GZ01'").pluck().get(),
    ).toBe(1);
    expect(listing(dir).filter((name) => /tmp|restore-[0-9a-f]{12}/.test(name))).toEqual([]);
    expect(listing(path.dirname(backupFile))).toEqual(['copy.redress', 'copy.redress.keys']);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses to restore an archive onto itself, however the path is spelled', async () => {
    const { dir, file } = await archiveWithBackup();
    const before = fingerprint(file);
    const spelled = path.join(dir, '.', 'x', '..', path.basename(file));
    await expectAppError(
      restoreArchive({ backupFile: spelled, targetFile: file, username: 'admin', password: ADMIN.password }),
      'SAME_FILE',
    );
    fs.linkSync(file, path.join(dir, 'hardlink.redress'));
    fs.copyFileSync(`${file}.keys`, path.join(dir, 'hardlink.redress.keys'));
    await expectAppError(
      restoreArchive({
        backupFile: path.join(dir, 'hardlink.redress'),
        targetFile: file,
        username: 'admin',
        password: ADMIN.password,
      }),
      'SAME_FILE',
    );
    expect(fingerprint(file)).toEqual(before);
  });

  it('a damaged backup key file is a damaged backup, not a damaged archive', async () => {
    const { file, backupFile } = await archiveWithBackup();
    fs.writeFileSync(`${backupFile}.keys`, '{"format":');
    await expectAppError(
      restoreArchive({ backupFile, targetFile: file, username: 'admin', password: ADMIN.password }),
      'BACKUP_CORRUPT',
    );
  });
});

describe('verify checks before anything is written (issue 13 item 5)', () => {
  it('reports the deletion of the newest event, and appending afterwards keeps it visible', async () => {
    const { file } = await freshArchive('verify-newest');
    const admin = await sessions.open(file, 'admin', ADMIN.password);
    addBranch(admin.ctx, { code: 'GZ01', name: '广州分行' });
    admin.db.$client
      .prepare('DELETE FROM history_events WHERE seq = (SELECT max(seq) FROM history_events)')
      .run();
    sessions.closeAll();
    const bytes = fingerprint(file).bytes;
    const result = await verifyArchiveFile({ file, username: 'admin', password: ADMIN.password });
    expect(result.ok).toBe(false);
    expect(result.chainProblems.map((p) => p.problem)).toEqual(['head_mismatch']);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    // A sign-in appends an event; the deletion must still show.
    (await sessions.open(file, 'admin', ADMIN.password)).close();
    const after = await verifyArchiveFile({ file, username: 'admin', password: ADMIN.password });
    expect(after.ok).toBe(false);
    expect(after.chainProblems.map((p) => p.problem)).toContain('gap');
  });

  it('is for administrators only', async () => {
    const { file } = await archiveWithBackup();
    await expectAppError(
      verifyArchiveFile({ file, username: 'clerk', password: 'clerk-password' }),
      'FORBIDDEN',
    );
  });
});

describe('a 0-byte, truncated or foreign archive file (issue 13 item 7)', () => {
  const corpus = path.join(import.meta.dirname, '..', '..', 'bad-input');

  it.each(['empty.redress', 'foreign.sqlite', 'random.bin'])(
    '%s is "damaged or not a Redress archive" and stays byte for byte',
    async (name) => {
      const { dir, file } = await freshArchive('foreign');
      fs.copyFileSync(path.join(corpus, name), file);
      const before = fs.readFileSync(file);
      await expectAppError(sessions.open(file, 'admin', ADMIN.password), 'ARCHIVE_CORRUPT');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(listing(dir)).toEqual(['branch.redress', 'branch.redress.keys']);
    },
  );

  it('a truncated archive is damaged and keeps its bytes', async () => {
    const { file } = await freshArchive('truncated');
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, 4096));
    await expectAppError(sessions.open(file, 'admin', ADMIN.password), 'ARCHIVE_CORRUPT');
    expect(fs.readFileSync(file).equals(whole.subarray(0, 4096))).toBe(true);
  });

  it('openArchive never builds a schema in an existing empty file', () => {
    const file = path.join(tempDir('empty'), 'x.redress');
    fs.writeFileSync(file, '');
    expect(() => openArchive({ file, key: Buffer.alloc(32, 1), mode: 'open' })).toThrow(/empty file/);
    expect(fs.statSync(file).size).toBe(0);
  });
});
