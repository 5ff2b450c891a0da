import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../main/services/archive/session';
import { openSession } from '../../../main/services/auth/auth.service';
import { addUser } from '../../../main/services/auth/users.service';
import { addBranch } from '../../../main/services/reference/settings.service';
import { isBundleFile } from '../../../main/services/backups/backup-bundle';
import { backupToBundle } from '../../../main/services/backups/backup-now.service';
import {
  backupOverview,
  runScheduledBackup,
  setBackupSchedule,
} from '../../../main/services/backups/backup-schedule.service';
import { restoreFromBackupFile } from '../../../main/services/backups/restore-backup.service';
import {
  ADMIN,
  expectAppError,
  fingerprint,
  newArchive,
  tempDir,
  TEST_SCRYPT,
} from '../../helpers/archive-fixture';

/** A clock the test moves: scheduled backups are due by time. */
function movableClock(start = Date.UTC(2026, 11, 6, 2, 0, 0)) {
  let now = start;
  return {
    clock: { now: () => now, timeZone: 'Asia/Shanghai' },
    advanceHours: (hours: number) => {
      now += hours * 3_600_000;
    },
  };
}

const open: ArchiveSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

async function signIn(file: string, username: string, password: string, clock = movableClock().clock) {
  const session = await openSession({ file, username, password, clock });
  open.push(session);
  return session;
}

function branches(session: ArchiveSession): string[] {
  return session.db.$client.prepare('SELECT code FROM branches ORDER BY code').pluck().all() as string[];
}

function eventsOfType(session: ArchiveSession, type: string): Record<string, unknown>[] {
  return (
    session.db.$client
      .prepare('SELECT payload, actor_user_id AS actor FROM history_events WHERE type = ? ORDER BY seq')
      .all(type) as { payload: string; actor: string | null }[]
  ).map((row) => ({ ...JSON.parse(row.payload), actor: row.actor }));
}

async function archiveWithAnalyst() {
  const fixture = await newArchive('bundle', { scrypt: TEST_SCRYPT });
  const admin = await signIn(fixture.file, 'admin', ADMIN.password);
  addBranch(admin.ctx, { code: 'SH01', name: '上海分行' });
  await addUser(admin.ctx, {
    username: 'li.si',
    displayName: '李四',
    role: 'analyst',
    branchCode: 'SH01',
    password: 'analyst-pass',
  });
  return { ...fixture, admin };
}

describe('one-file backups from the app', () => {
  it('writes a verified bundle that restores over the live archive, keeping it as a safety copy', async () => {
    const { file, admin } = await archiveWithAnalyst();
    const dest = path.join(tempDir('bundle-dest'), 'today.redress-backup');
    const result = backupToBundle(admin, dest);
    expect(result).toMatchObject({ fileName: 'today.redress-backup', bytes: fs.statSync(dest).size });
    expect(isBundleFile(dest)).toBe(true);
    expect(fs.statSync(dest).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['today.redress-backup']);
    expect(eventsOfType(admin, 'archive.backed_up')).toEqual([
      expect.objectContaining({ file: 'today.redress-backup', verified: true, scheduled: false }),
    ]);
    expect(backupOverview(admin.ctx, false).status).toMatchObject({
      lastOutcome: 'ok',
      lastGoodAt: result.at,
    });
    // A bundle is a backup: nothing writes over it.
    expect(() => backupToBundle(admin, dest)).toThrow(expect.objectContaining({ code: 'PROTECTED_FILE' }));

    addBranch(admin.ctx, { code: 'GZ01', name: '广州分行' });
    admin.close();
    const { kept } = await restoreFromBackupFile({
      backupFile: dest,
      targetFile: file,
      username: 'admin',
      password: ADMIN.password,
    });
    expect(path.basename(kept!)).toMatch(/^branch\.redress\.before-restore-\d{8}T\d{6}Z$/);
    const restored = await signIn(file, 'admin', ADMIN.password);
    expect(branches(restored)).toEqual(['BJ01', 'SH01']);
    expect(eventsOfType(restored, 'archive.restored').at(-1)).toMatchObject({ from: 'today.redress-backup' });
    expect(branches(await signIn(kept!, 'admin', ADMIN.password))).toEqual(['BJ01', 'GZ01', 'SH01']);
  });

  it('refuses backup and restore to a non-admin, writing nothing', async () => {
    const { file, admin } = await archiveWithAnalyst();
    const dest = path.join(tempDir('bundle-dest'), 'ok.redress-backup');
    backupToBundle(admin, dest);
    admin.close();
    const analyst = await signIn(file, 'li.si', 'analyst-pass');
    const refused = path.join(tempDir('bundle-dest'), 'analyst.redress-backup');
    expect(() => backupToBundle(analyst, refused)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(fs.existsSync(refused)).toBe(false);
    expect(() => setBackupSchedule(analyst.ctx, { keep: 3 })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    analyst.close();
    const before = fingerprint(file);
    await expectAppError(
      restoreFromBackupFile({
        backupFile: dest,
        targetFile: file,
        username: 'li.si',
        password: 'analyst-pass',
      }),
      'FORBIDDEN',
    );
    expect(fingerprint(file)).toEqual(before);
  });

  it('refuses a changed or cut bundle before touching the archive', async () => {
    const { file, admin } = await archiveWithAnalyst();
    const dest = path.join(tempDir('bundle-dest'), 'x.redress-backup');
    backupToBundle(admin, dest);
    admin.close();
    const bytes = fs.readFileSync(dest);
    const changed = Buffer.from(bytes);
    changed[bytes.length - 100] = changed[bytes.length - 100]! ^ 0xff;
    const damaged = path.join(tempDir('bundle-bad'), 'changed.redress-backup');
    fs.writeFileSync(damaged, changed);
    const cut = path.join(path.dirname(damaged), 'cut.redress-backup');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 4096));
    const before = fingerprint(file);
    for (const backupFile of [damaged, cut])
      await expectAppError(
        restoreFromBackupFile({ backupFile, targetFile: file, username: 'admin', password: ADMIN.password }),
        'BACKUP_CORRUPT',
      );
    expect(fingerprint(file)).toEqual(before);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('before-restore'))).toEqual([]);
  });
});

describe('scheduled backups', () => {
  it('runs once a day into the folder and keeps only the newest N copies', async () => {
    const { file } = await archiveWithAnalyst();
    const { clock, advanceHours } = movableClock();
    const admin = await signIn(file, 'admin', ADMIN.password, clock);
    const folder = tempDir('scheduled');
    // Files that are not this schedule's copies are never touched.
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'keep me');
    fs.writeFileSync(path.join(folder, 'redress-backup-20200101T000000Z.redress-backup'), 'not a bundle');
    expect(runScheduledBackup(admin)).toBeNull();
    setBackupSchedule(admin.ctx, { folder, keep: 2, isEnabled: true });

    const made: string[] = [];
    for (let day = 0; day < 4; day += 1) {
      made.push(runScheduledBackup(admin)!.fileName);
      // Not due again within the day.
      advanceHours(23);
      expect(runScheduledBackup(admin)).toBeNull();
      advanceHours(1);
    }
    expect(fs.readdirSync(folder).sort()).toEqual(
      ['notes.txt', 'redress-backup-20200101T000000Z.redress-backup', ...made.slice(2)].sort(),
    );
    const events = eventsOfType(admin, 'archive.backed_up');
    expect(events).toHaveLength(4);
    expect(events[2]).toMatchObject({ scheduled: true, actor: null, pruned: [made[0]] });
    const overview = backupOverview(admin.ctx, false);
    expect(overview.status).toMatchObject({ lastScheduledOutcome: 'ok', lastGoodName: made[3] });
    expect(overview.nextScheduledAt).toBe(overview.status.lastScheduledAt! + 24 * 3_600_000);
  });

  it('records a failure (folder gone), retries an hour later, and warns after 7 days without a good backup', async () => {
    const { file } = await archiveWithAnalyst();
    const { clock, advanceHours } = movableClock();
    const admin = await signIn(file, 'admin', ADMIN.password, clock);
    const folder = tempDir('scheduled-gone');
    setBackupSchedule(admin.ctx, { folder, keep: 3, isEnabled: true });
    runScheduledBackup(admin);
    fs.rmSync(folder, { recursive: true });
    advanceHours(24);
    expect(() => runScheduledBackup(admin)).toThrow(expect.objectContaining({ code: 'FOLDER_MISSING' }));
    const failed = backupOverview(admin.ctx, false);
    expect(failed.status).toMatchObject({ lastOutcome: 'failed', lastErrorCode: 'FOLDER_MISSING' });
    expect(failed.nextScheduledAt).toBe(clock.now() + 3_600_000);
    expect(eventsOfType(admin, 'archive.backup_failed')).toEqual([
      expect.objectContaining({ code: 'FOLDER_MISSING', scheduled: true }),
    ]);
    expect(failed.isStale).toBe(false);
    advanceHours(24 * 6 + 1);
    expect(backupOverview(admin.ctx, false).isStale).toBe(true);
  });

  it('refuses a folder that does not exist and enabling without a folder', async () => {
    const { admin } = await archiveWithAnalyst();
    expect(() => setBackupSchedule(admin.ctx, { folder: '/no/such/folder', isEnabled: true })).toThrow(
      expect.objectContaining({ code: 'FOLDER_MISSING' }),
    );
    expect(() => setBackupSchedule(admin.ctx, { isEnabled: true })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(backupOverview(admin.ctx, false).schedule).toEqual({ folder: null, keep: 7, isEnabled: false });
  });
});
