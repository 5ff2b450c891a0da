import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getInstallationId } from '../../../db/repos/history.repo';
import { setMeta } from '../../../db/repos/meta.repo';
import { registerCase } from '../../../main/services/cases';
import { describeRecordedFailure } from '../../../main/services/sync/sync-words';
import { enrollInstallation } from '../../../main/services/sync/transport/enroll';
import { restoreFromHq, syncNow, syncStatus } from '../../../main/services/sync/transport/sync-run';
import { learnTerminalCodes } from '../../../hq/admin/terminal-codes';
import { hqTerminalMessages } from '../../../shared/i18n/hq-terminals';
import { createArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { statusPage } from './hq-status-views';

/**
 * Two PCs of a branch with one terminal code (docs/SYNC.md "Two PCs with one terminal code"), as
 * an HQ enrolled before migration 0014 holds them: `installations.terminal_code` NULL, so nothing
 * refused the second. Real archives, a real HQ on PostgreSQL over HTTPS. HQ learns the terminals
 * from the case numbers it holds, reports the clash, and each PC's sync stops with the collision in
 * words (it failed with "internal error" every run before).
 */
const setup = useHqWithPcs('terminal-clash');
const hq = () => setup.hq();
const pre0014 = (branchCode: string) =>
  hq().db.$client.query('UPDATE installations SET terminal_code = NULL WHERE branch_code = $1', [branchCode]);

describe('two active PCs of a branch with one terminal code', () => {
  it('stops each PC’s sync at the collision in words, and hq status lists both PCs', async () => {
    const pc1 = await setup.enrolledPc('clash-1', false, 'BJ51');
    const pc2 = await setup.enrolledPc('clash-2', false, 'BJ51');
    setMeta(pc2.db, 'terminal_code', 'T1'); // the second PC was set up as "T1" too
    await pre0014('BJ51');
    const mine = registerCase(pc1.ctx('clerk'), registration());
    const theirs = registerCase(pc2.ctx('clerk'), registration({ request: '另一件投诉' }));
    expect(theirs.caseNo).toBe(mine.caseNo);

    await syncNow(pc1.db, Date.now());
    const refused = syncNow(pc2.db, Date.now());
    await expect(refused).rejects.toMatchObject({
      code: 'SYNC_TERMINAL_CLASH',
      params: { caseNo: mine.caseNo, terminal: 'T1' },
    });
    // Its own case reached HQ before the pull stopped: nothing is lost.
    expect(syncStatus(pc2.db)).toMatchObject({ waiting: 0, ackedSeq: 1 });
    await expect(syncNow(pc1.db, Date.now())).rejects.toMatchObject({ code: 'SYNC_TERMINAL_CLASH' });
    // What `sync status` and the app say later, from the kept record, in either language.
    const kept = syncStatus(pc1.db).lastError!;
    expect(describeRecordedFailure(kept, 'en')).toMatch(
      new RegExp(`^Two PCs of this branch use terminal code T1: case number ${mine.caseNo} belongs to two`),
    );
    expect(describeRecordedFailure(kept, 'zh-CN')).toContain(`投诉编号 ${mine.caseNo} 被两件不同的投诉占用`);

    // A PC restored for the branch (a lost one's replacement) stops at the same pair, in the same words.
    const restored = await setup.enrolledPc('clash-restore', true, 'BJ51');
    await expect(restoreFromHq(restored.db, Date.now())).rejects.toMatchObject({
      code: 'SYNC_TERMINAL_CLASH',
      params: { caseNo: mine.caseNo, terminal: 'T1' },
    });

    const status = await hq().admin.status();
    const ids = [getInstallationId(pc1.db), getInstallationId(pc2.db)];
    expect(status.terminalClashes).toEqual([
      {
        branchCode: 'BJ51',
        terminalCode: 'T1',
        installations: ids.map((installationId) => ({
          installationId,
          hostname: expect.any(String),
          lastSyncAt: expect.any(Number),
        })),
      },
    ]);
    const rows = status.installations.filter((i) => i.branchCode === 'BJ51');
    expect(rows.map((i) => i.terminalCode)).toEqual(['T1', 'T1', 'T3']);
    const page = await statusPage(hq(), 'en');
    expect(page).toContain('data-testid="hq-terminal-clashes"');
    expect(page).toContain(hqTerminalMessages.en.clashHeading);
  }, 120_000);

  it('learns old PCs’ terminals from their case numbers, so a new PC cannot take one', async () => {
    const old = await setup.enrolledPc('learn-1', false, 'BJ52'); // T1
    const quiet = await setup.enrolledPc('learn-2', false, 'BJ52'); // T2, no case yet
    await pre0014('BJ52');
    registerCase(old.ctx('clerk'), registration());
    await syncNow(old.db, Date.now());
    const terminals = async () =>
      (await hq().admin.status()).installations
        .filter((i) => i.branchCode === 'BJ52')
        .map((i) => i.terminalCode);
    // Status already says which terminal each PC numbers under, or that it is not known yet.
    expect(await terminals()).toEqual(['T1', null]);
    // What a scan learnt is kept (hq_meta): the next call reads only events pushed since. Shown by
    // a record that disagrees with the events: status goes by it, until it is gone.
    const scans = async () =>
      JSON.parse(
        (
          await hq().db.$client.query<{ value: string }>(
            `SELECT value FROM hq_meta WHERE key = 'terminal_scans'`,
          )
        ).rows[0]!.value,
      ) as Record<string, { seq: number; terminal: string | null }>;
    const [oldId, quietId] = [getInstallationId(old.db), getInstallationId(quiet.db)];
    expect((await scans())[quietId]).toEqual({ seq: expect.any(Number), terminal: null });
    const kept = await scans();
    const forged = { ...kept, [oldId]: { ...kept[oldId]!, terminal: 'T9' } };
    await hq().db.$client.query(`UPDATE hq_meta SET value = $1 WHERE key = 'terminal_scans'`, [
      JSON.stringify(forged),
    ]);
    expect(await terminals()).toEqual(['T9', null]);
    await hq().db.$client.query(`DELETE FROM hq_meta WHERE key = 'terminal_scans'`);
    expect(await terminals()).toEqual(['T1', null]);
    const again = await scans();
    expect([again[oldId], again[quietId]]).toEqual([kept[oldId], kept[quietId]]);

    // At start-up (and before a PC of the branch enrolls) HQ records it; a second run changes nothing.
    expect(await learnTerminalCodes(hq().db, 'BJ52')).toBe(1);
    expect(await learnTerminalCodes(hq().db, 'BJ52')).toBe(0);
    const recorded = await hq().db.$client.query<{ terminal_code: string | null }>(
      'SELECT terminal_code FROM installations WHERE branch_code = $1 ORDER BY enrolled_at',
      ['BJ52'],
    );
    expect(recorded.rows.map((r) => r.terminal_code)).toEqual(['T1', null]);

    // A PC enrolling as T1 is now refused before its code is spent, as for PCs enrolled since 0014.
    const newcomer = createArchiveFixture({
      file: path.join(path.dirname(old.file), 'newcomer.redress'),
      branchCode: 'BJ52',
    });
    setup.pcs.push(newcomer); // closed after the file with the others
    setMeta(newcomer.db, 'terminal_code', 'T1');
    const { code, fingerprint } = await hq().admin.createEnrollmentCode('BJ52', false);
    const enroll = () =>
      enrollInstallation(newcomer.db, { url: hq().url, code, fingerprint, restore: false });
    await expect(enroll()).rejects.toMatchObject({ code: 'TERMINAL_TAKEN' });
    // The quiet PC registers its first case: learnt before the next enrollment looks.
    registerCase(quiet.ctx('clerk'), registration());
    await syncNow(quiet.db, Date.now());
    setMeta(newcomer.db, 'terminal_code', 'T2');
    await expect(enroll()).rejects.toMatchObject({ code: 'TERMINAL_TAKEN' });
    setMeta(newcomer.db, 'terminal_code', 'T3');
    await enroll();
    expect(await terminals()).toEqual(['T1', 'T2', 'T3']);
    const clashes = (await hq().admin.status()).terminalClashes;
    expect(clashes.filter((clash) => clash.branchCode === 'BJ52')).toEqual([]);
  }, 120_000);

  it('lists the enrollment codes still waiting, as the status page does', async () => {
    const before = (await hq().admin.status()).waitingCodes.length;
    await hq().admin.createEnrollmentCode('GZ53', false);
    await hq().admin.createEnrollmentCode('SZ53', true);
    await hq().admin.createEnrollmentCode('WH53', false);
    await setup.enrolledPc('wh53', false, 'WH53'); // with a code of its own, used: not listed
    const status = await hq().admin.status();
    const listed = (branchCode: string, restore: boolean) => ({
      branchCode,
      restore,
      createdAt: expect.any(Number),
      expiresAt: expect.any(Number),
    });
    expect(status.waitingCodes.slice(0, 3)).toEqual([
      listed('WH53', false),
      listed('SZ53', true),
      listed('GZ53', false),
    ]);
    expect(status.waitingCodes).toHaveLength(before + 3);
  }, 120_000);
});
