import { describe, expect, it } from 'vitest';
import { getMeta, setMeta } from '../../../db/repos/meta.repo';
import { getInstallationId } from '../../../db/repos/history.repo';
import { getCaseHistory, listCases, registerCase } from '../../../main/services/cases';
import { syncNow, syncStatus } from '../../../main/services/sync/transport/sync-run';
import { repairTerminal } from '../../../main/services/sync/terminal-repair.service';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { hqCasesDigest, pcCasesDigest } from '../../helpers/hq-canonical';
import type { ArchiveFixture } from '../../helpers/archive-fixture';

/**
 * `redress sync repair-terminal` (docs/SYNC.md "Two PCs with one terminal code") against a real HQ
 * on PostgreSQL over HTTPS, with real archives. The clash is made as in the field: two PCs of a
 * branch enrolled on an HQ from before migration 0014 (terminal codes not recorded), both numbering
 * as T1, registering on the same day; every PC's sync then stops at the pairs. After the repair on
 * one of them, every PC and HQ hold the same cases with the same numbers, and sync runs again.
 */
const setup = useHqWithPcs('terminal-repair');
const hq = () => setup.hq();
const BRANCH = 'BJ61';
const numbers = (pc: ArchiveFixture) =>
  (pc.db.$client.prepare('SELECT case_no FROM cases ORDER BY case_no').pluck().all() as string[]).join(' ');

describe('repairing a branch whose two PCs share a terminal code', () => {
  it('gives the PC a free code, renumbers its colliding cases as events, and every copy converges', async () => {
    const first = await setup.enrolledPc('repair-1', false, BRANCH); // T1
    const second = await setup.enrolledPc('repair-2', false, BRANCH);
    const third = await setup.enrolledPc('repair-3', false, BRANCH); // T3, no case of its own
    setMeta(second.db, 'terminal_code', 'T1'); // set up as "T1" too, before HQ checked terminals
    await hq().db.$client.query('UPDATE installations SET terminal_code = NULL WHERE branch_code = $1', [
      BRANCH,
    ]);
    const mine = [0, 1].map(() => registerCase(first.ctx('clerk'), registration()));
    const theirs = [0, 1, 2].map((i) =>
      registerCase(second.ctx('clerk'), registration({ request: `另一件投诉 ${i}` })),
    );
    expect(theirs.slice(0, 2).map((c) => c.caseNo)).toEqual(mine.map((c) => c.caseNo));

    await syncNow(first.db, Date.now());
    for (const pc of [second, first, third])
      await expect(syncNow(pc.db, Date.now())).rejects.toMatchObject({ code: 'SYNC_TERMINAL_CLASH' });
    // Everything but the two pairs' second cases was applied: the third case of `second` is here.
    expect(numbers(first)).toContain(theirs[2]!.caseNo);

    const repaired = await repairTerminal(second.ctx('admin'));
    const [day] = /-T1-(\d{8})-/.exec(mine[0]!.caseNo)!.slice(1);
    expect(repaired).toEqual({
      previousTerminalCode: 'T1',
      terminalCode: 'T2', // never numbered under in the branch (T3 is the third PC's)
      renumbered: theirs.slice(0, 2).map((c, i) => ({
        caseId: c.id,
        from: c.caseNo,
        to: `${BRANCH}-T2-${day}-000${i + 1}`,
      })),
      stillClashing: 0,
    });
    expect(getMeta(second.db, 'terminal_code')).toBe('T2');

    // The other PCs sync again, and all hold the same cases under the same numbers as HQ.
    for (const pc of [first, third, second]) await syncNow(pc.db, Date.now());
    const digest = pcCasesDigest(first.db);
    expect(pcCasesDigest(second.db)).toBe(digest);
    expect(pcCasesDigest(third.db)).toBe(digest);
    expect(await hqCasesDigest(hq(), BRANCH)).toBe(digest);
    expect(numbers(third).split(' ')).toHaveLength(5);
    for (const pc of [first, second, third]) expect(syncStatus(pc.db).lastError).toBeNull();

    // The old number stays in the case's history and finds the case.
    const renamed = theirs[0]!;
    const history = getCaseHistory(first.ctx('supervisor'), renamed.id);
    expect(history.map((entry) => entry.type)).toContain('case.renumbered');
    const found = listCases(first.ctx('supervisor'), {
      filter: { text: renamed.caseNo },
      sort: [],
      startRow: 0,
      endRow: 50,
    });
    expect(found.rows.map((row) => row.id).sort()).toEqual([mine[0]!.id, renamed.id].sort());

    // HQ lists no clash now, and new cases of the repaired PC are numbered under its new code.
    const status = await hq().admin.status();
    expect(status.terminalClashes.filter((clash) => clash.branchCode === BRANCH)).toEqual([]);
    const row = status.installations.find((i) => i.installationId === getInstallationId(second.db));
    expect(row?.terminalCode).toBe('T2');
    expect(registerCase(second.ctx('clerk'), registration()).caseNo).toBe(`${BRANCH}-T2-${day}-0003`);

    // Run again: nothing to repair, nothing changes.
    const before = pcCasesDigest(second.db);
    expect(await repairTerminal(second.ctx('admin'))).toMatchObject({
      previousTerminalCode: 'T2',
      terminalCode: 'T2',
      renumbered: [],
    });
    expect(pcCasesDigest(second.db)).toBe(before);
  }, 180_000);

  it('a repair HQ refuses changes nothing on the PC', async () => {
    const pc = await setup.enrolledPc('repair-revoked', false, 'BJ62');
    registerCase(pc.ctx('clerk'), registration());
    const before = pcCasesDigest(pc.db);
    await hq().admin.revoke(getInstallationId(pc.db));
    await expect(repairTerminal(pc.ctx('admin'))).rejects.toMatchObject({ code: 'REVOKED' });
    expect(getMeta(pc.db, 'terminal_code')).toBe('T1');
    expect(pcCasesDigest(pc.db)).toBe(before);
    await expect(repairTerminal(pc.ctx('clerk'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }, 60_000);
});
