import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../db/open';
import { openSession } from '../../../main/services/auth/auth.service';
import { backupArchive, restoreArchive, verifyArchive } from '../../../main/services/archive/backup.service';
import { addBranch, updateSettings } from '../../../main/services/reference/settings.service';
import { addUser } from '../../../main/services/auth/users.service';
import {
  ADMIN,
  expectAppError,
  fingerprint,
  newArchive,
  sessionTracker,
  tempDir,
  TEST_SCRYPT,
} from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

/**
 * Every row of every table, in a stable order. Events after `lastSeq` (the restore itself, the
 * sign-in that reads the copy) and the chain head they move are left out, so "same content" means
 * what was backed up.
 */
function snapshot(db: ArchiveDb, lastSeq = Number.MAX_SAFE_INTEGER): Record<string, unknown[]> {
  const client = db.$client;
  const tables = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = client.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    out[table] = rows
      .filter((row) => !(table === 'history_events' && Number(row.seq) > lastSeq))
      .filter((row) => !(table === 'meta' && String(row.key).startsWith('chain_head:')))
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
  }
  return out;
}

async function archiveWithContent() {
  const fixture = await newArchive('backup', { scrypt: TEST_SCRYPT });
  const admin = await sessions.open(fixture.file, 'admin', ADMIN.password);
  addBranch(admin.ctx, { code: 'SH01', name: '上海分行' });
  await addUser(admin.ctx, {
    username: 'li.si',
    displayName: '李四',
    role: 'analyst',
    branchCode: 'SH01',
    password: 'analyst-pass',
  });
  updateSettings(admin.ctx, { dueSoonDays: 5 });
  return { ...fixture, admin };
}

describe('backup and restore', () => {
  it('restores a backup into a new file with identical content', async () => {
    const { dir, admin } = await archiveWithContent();
    const expected = snapshot(admin.db);
    const backupFile = path.join(tempDir('backup-dest'), 'copy.redress');
    const result = await backupArchive(admin, backupFile);
    expect(result).toEqual({ file: backupFile, bytes: fs.statSync(backupFile).size });
    expect(fs.existsSync(`${backupFile}.keys`)).toBe(true);
    await expectAppError(backupArchive(admin, backupFile), 'PROTECTED_FILE');

    const target = path.join(dir, 'restored.redress');
    await expectAppError(
      restoreArchive({ backupFile, targetFile: target, username: 'admin', password: 'wrong-pass' }),
      'WRONG_PASSWORD',
    );
    expect(fs.existsSync(target)).toBe(false);
    await restoreArchive({ backupFile, targetFile: target, username: 'admin', password: ADMIN.password });
    const restored = await sessions.open(target, 'admin', ADMIN.password);
    expect(snapshot(restored.db, expected.history_events!.length)).toEqual(expected);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(expected.users).toHaveLength(2);
    expect((await verifyArchive(restored.ctx)).ok).toBe(true);
  });

  it('replaces an existing archive and keeps the old one beside it', async () => {
    const { file, admin } = await archiveWithContent();
    const backupFile = path.join(tempDir('backup-dest'), 'copy.redress');
    await backupArchive(admin, backupFile);
    addBranch(admin.ctx, { code: 'GZ01', name: '广州分行' });
    sessions.closeAll();

    const { kept: keptFile } = await restoreArchive({
      backupFile,
      targetFile: file,
      username: 'admin',
      password: ADMIN.password,
    });
    const restored = await sessions.open(file, 'admin', ADMIN.password);
    expect(restored.db.$client.prepare('SELECT code FROM branches ORDER BY code').pluck().all()).toEqual([
      'BJ01',
      'SH01',
    ]);
    const kept = await sessions.open(keptFile!, 'admin', ADMIN.password);
    expect(kept.db.$client.prepare('SELECT code FROM branches ORDER BY code').pluck().all()).toEqual([
      'BJ01',
      'GZ01',
      'SH01',
    ]);
  });

  it('refuses a corrupted backup and leaves the target untouched', async () => {
    const { file, admin } = await archiveWithContent();
    const backupFile = path.join(tempDir('backup-dest'), 'copy.redress');
    await backupArchive(admin, backupFile);
    sessions.closeAll();
    const bytes = fs.readFileSync(backupFile);
    const middle = Math.floor(bytes.length / 2);
    for (let i = 0; i < 16; i += 1) bytes[middle + i] = bytes[middle + i]! ^ 0xff;
    fs.writeFileSync(backupFile, bytes);

    const target = fingerprint(file);
    const listing = fs.readdirSync(path.dirname(file)).sort();
    await expectAppError(
      restoreArchive({ backupFile, targetFile: file, username: 'admin', password: ADMIN.password }),
      'BACKUP_CORRUPT',
    );
    expect(fingerprint(file)).toEqual(target);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(listing);
    expect(
      (await openSession({ file, username: 'admin', password: ADMIN.password })).close(),
    ).toBeUndefined();
  });
});

describe('verifying', () => {
  it('finds an edited and a deleted history event', async () => {
    const { admin } = await archiveWithContent();
    expect(await verifyArchive(admin.ctx)).toMatchObject({
      integrity: ['ok'],
      chainProblems: [],
      keyFile: 'intact',
      ok: true,
    });

    admin.db.$client
      .prepare(
        `UPDATE history_events SET payload = '{"code":"SH01","name":"深圳"}' WHERE type = 'branch.added'`,
      )
      .run();
    const edited = await verifyArchive(admin.ctx);
    expect(edited.ok).toBe(false);
    expect(edited.chainProblems.map((p) => p.problem)).toEqual(['hash_mismatch']);

    admin.db.$client
      .prepare(`DELETE FROM history_events WHERE type = 'user.added' AND payload LIKE '%li.si%'`)
      .run();
    const problems = (await verifyArchive(admin.ctx)).chainProblems.map((p) => p.problem);
    expect(problems).toContain('gap');
    expect(problems).toContain('broken_link');
  });

  it('is for administrators only', async () => {
    const { file } = await archiveWithContent();
    const analyst = await sessions.open(file, 'li.si', 'analyst-pass');
    await expectAppError(() => verifyArchive(analyst.ctx), 'FORBIDDEN');
  });
});
