import { describe, expect, it } from 'vitest';
import { getInstallationId } from '../../../db/repos/history.repo';
import { getMeta, setMeta } from '../../../db/repos/meta.repo';
import { registerCase } from '../../../main/services/cases';
import { getSyncStatus, repairTerminalFor, syncNowFor } from '../../../main/services/sync/sync-app.service';
import { repairTerminal } from '../../../main/services/sync/terminal-repair.service';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import type { TerminalRepairPhase } from '../../../shared/ipc/channels/sync';
import { syncMessages } from '../../../shared/i18n/sync';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { pcCasesDigest } from '../../helpers/hq-canonical';

/**
 * The sync screen's side of a terminal clash (docs/SYNC.md "Two PCs with one terminal code"),
 * against a real HQ on PostgreSQL over HTTPS with real archives: the held cases in the status, by
 * number and by whose case holds the number; the repair from the app (administrators only, in the
 * monitor's one sync slot, its steps in the status); a PC whose held numbers are two other PCs'
 * cases is told the repair is theirs.
 */
const setup = useHqWithPcs('terminal-repair-app');
const BRANCH = 'BJ71';

describe('a terminal clash on the sync screen', () => {
  it('shows the held cases, repairs from the app for an administrator only, and clears', async () => {
    const first = await setup.enrolledPc('app-1', false, BRANCH); // T1
    const second = await setup.enrolledPc('app-2', false, BRANCH);
    const third = await setup.enrolledPc('app-3', false, BRANCH); // T3, pulls both PCs' cases
    setMeta(second.db, 'terminal_code', 'T1'); // set up as "T1" too, before HQ checked terminals
    await setup
      .hq()
      .db.$client.query('UPDATE installations SET terminal_code = NULL WHERE branch_code = $1', [BRANCH]);
    const mine = registerCase(first.ctx('clerk'), registration());
    const theirs = registerCase(second.ctx('clerk'), registration({ request: '另一件投诉' }));
    expect(theirs.caseNo).toBe(mine.caseNo);
    await syncNow(first.db, Date.now());
    for (const pc of [second, third])
      await expect(syncNow(pc.db, Date.now())).rejects.toMatchObject({ code: 'SYNC_TERMINAL_CLASH' });

    // The PC whose own case holds the number can repair it; the third holds two other PCs' cases.
    const onSecond = getSyncStatus(second.ctx('supervisor'), 'en');
    expect(onSecond.heldCases).toEqual([{ caseNo: mine.caseNo, waiting: 1, holderIsThisPc: true }]);
    expect(onSecond.lastError).toContain('Two PCs of this branch use terminal code T1');
    expect(onSecond.terminalRepair).toBeNull();
    expect(getSyncStatus(third.ctx('admin'), 'zh-CN').heldCases).toEqual([
      { caseNo: mine.caseNo, waiting: 1, holderIsThisPc: false },
    ]);

    // Not an administrator: refused in the service, whatever the screen showed; nothing changes.
    const before = pcCasesDigest(second.db);
    await expect(repairTerminalFor(second.ctx('supervisor'), 'zh-CN')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(getMeta(second.db, 'terminal_code')).toBe('T1');
    expect(pcCasesDigest(second.db)).toBe(before);

    // On the third PC there is nothing of its own to repair: it says the pair is still there.
    expect(await repairTerminalFor(third.ctx('admin'), 'en')).toEqual({
      previousTerminalCode: 'T3',
      terminalCode: 'T3',
      renumbered: [],
      stillClashing: 1,
    });

    // The repair on the second PC takes the sync slot: its step shows at once, and a "sync now"
    // pressed meanwhile joins it instead of syncing beside it.
    const repairing = repairTerminalFor(second.ctx('admin'), 'en');
    expect(getSyncStatus(second.ctx('admin'), 'en')).toMatchObject({
      running: true,
      terminalRepair: 'syncing',
    });
    const joined = await syncNowFor(second.ctx('clerk'), 'en');
    expect(joined.pushed).toBe(0);
    expect(getMeta(second.db, 'terminal_code')).toBe('T2'); // the joined run was the repair
    const repaired = await repairing;
    expect(repaired).toMatchObject({ previousTerminalCode: 'T1', terminalCode: 'T2', stillClashing: 0 });
    expect(repaired.renumbered).toEqual([
      { caseId: theirs.id, from: theirs.caseNo, to: theirs.caseNo.replace('-T1-', '-T2-') },
    ]);
    expect(getSyncStatus(second.ctx('admin'), 'en')).toMatchObject({
      heldCases: [],
      terminalRepair: null,
      running: false,
      lastError: null,
    });

    // The other PCs' next sync brings the renumbered case in: nothing held anywhere.
    for (const pc of [third, first]) {
      await syncNowFor(pc.ctx('clerk'), 'en');
      expect(getSyncStatus(pc.ctx('clerk'), 'en')).toMatchObject({ heldCases: [], lastError: null });
    }
    expect(pcCasesDigest(third.db)).toBe(pcCasesDigest(second.db));
  }, 240_000);

  it('reports its steps in order, and a refusal from HQ in words with nothing changed', async () => {
    const pc = await setup.enrolledPc('app-steps', false, 'BJ72');
    const phases: TerminalRepairPhase[] = [];
    await repairTerminal(pc.ctx('admin'), { onPhase: (phase) => phases.push(phase) });
    expect(phases).toEqual(['syncing', 'asking']); // nothing to renumber: no second sync

    registerCase(pc.ctx('clerk'), registration());
    const before = pcCasesDigest(pc.db);
    await setup.hq().admin.revoke(getInstallationId(pc.db));
    await expect(repairTerminalFor(pc.ctx('admin'), 'zh-CN')).rejects.toMatchObject({
      code: 'SYNC_REFUSED',
      params: { reason: syncMessages['zh-CN'].errors.REVOKED },
    });
    expect(getSyncStatus(pc.ctx('admin'), 'zh-CN')).toMatchObject({ terminalRepair: null, running: false });
    expect(getMeta(pc.db, 'terminal_code')).toBe('T1');
    expect(pcCasesDigest(pc.db)).toBe(before);
  }, 120_000);
});
