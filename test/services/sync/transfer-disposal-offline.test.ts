import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { getInstallationId, verifyChains } from '../../../db/repos/history.repo';
import { registerCase } from '../../../main/services/cases/register.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import { DESTROYED_TEXT } from '../../../shared/domain/case-shell';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import {
  closedCase,
  CONTACT_BJ,
  disposeThreeYearsOn,
  expectHqRebuildEqualsLive,
  expectShellOnlyRestore,
  expectWholeCase,
  FACTS,
  FILE_NAME,
  historyHolding,
  hqCase,
  hqEventsHolding,
  hqRows,
  NAME,
  syncInOrder,
  transferTo,
} from './transfer-disposal-fixture';

/**
 * Branch A closes a case and transfers it to branch B; a second PC of A, offline and unaware of
 * the transfer, disposes of the case (three years on). Its disposal may reach HQ before the push
 * that carries `case.transferred`: HQ then first takes it for the holder's disposal, but must not
 * destroy what B now holds once the transfer arrives — the evidence files above all, which HQ
 * withholds instead of deleting until the disposal's scope is settled (docs/SYNC.md "Disposal of a
 * transferred case"). Both arrival orders; then B's PCs, HQ's projection (and its rebuild) and a PC
 * of B restored from HQ hold the whole case with its file, while A's copies are gone. Real archives
 * of two branches, three PCs, a real HQ on PostgreSQL over HTTPS.
 */
const setup = useHqWithPcs('transfer-disposal-offline');
const { enrolledPc, enrolledPcs } = setup;
const hq = () => setup.hq();

/** The case's files at HQ, and which disposal withholds each (null: served). */
const hqFiles = (caseId: string) =>
  hqRows<{ file_name: string; withheld_by: string | null }>(
    hq(),
    sql`SELECT file_name, withheld_by FROM attachments WHERE case_id = ${caseId}`,
  );

async function offlineDisposalRace(order: 'disposal-first' | 'transfer-first', round: number) {
  const [from, to] = [`BJ2${round}`, `SH2${round}`];
  const { bj1, bj2, sh1 } = await enrolledPcs({ [from]: ['bj1', 'bj2'], [to]: ['sh1'] }, `${order}-`);
  const caseId = closedCase(bj1);
  await syncNow(bj1.db, Date.now());
  await syncNow(bj2.db, Date.now()); // bj2 holds the case and its file, then goes offline
  transferTo(bj1, caseId, to);
  disposeThreeYearsOn(bj2, caseId); // unaware of the transfer: for bj2 the case is still its own
  if (order === 'disposal-first') {
    await syncNow(bj2.db, Date.now());
    // HQ takes it for the holder's disposal for now: nothing of the case is served any more, but
    // the file is withheld, not deleted, while a PC of the branch may still bring an earlier change.
    expect(await hqFiles(caseId)).toEqual([{ file_name: FILE_NAME, withheld_by: expect.any(String) }]);
    await syncNow(bj1.db, Date.now());
  } else {
    await syncNow(bj1.db, Date.now());
    await syncNow(bj2.db, Date.now());
  }
  // Once HQ holds the transfer, the disposal is judged at its place in the merged order: after the
  // case left A, so it was A's disposal of its shell. B's file is served again.
  expect(await hqFiles(caseId)).toEqual([{ file_name: FILE_NAME, withheld_by: null }]);

  await syncNow(sh1.db, Date.now()); // takes the transfer
  expectWholeCase(sh1, caseId, to, from);
  await syncInOrder(sh1, bj1, bj2); // sh1 pushes its case.transfer_received; A's PCs take it all

  // A's copies are gone: its PCs hold the shell, its events at HQ are redacted.
  for (const pc of [bj1, bj2]) {
    expect(getCaseRowById(pc.db, caseId)).toMatchObject({ complainantName: DESTROYED_TEXT });
    expect(historyHolding(pc, NAME)).toBe(0);
    expect(verifyChains(pc.db)).toEqual([]);
  }
  for (const text of [NAME, FACTS, CONTACT_BJ]) {
    expect(await hqEventsHolding(hq(), caseId, from, text), text).toBe(0);
  }
  // HQ's projection is B's whole case; a rebuild from HQ's events gives the same.
  const row = await hqCase(hq(), caseId);
  expect(row).toMatchObject({ branch_code: to });
  expect(row!.data).toMatchObject({ complainantName: NAME, factsText: FACTS, conflicts: 0 });
  await expectHqRebuildEqualsLive(hq());
  expect(await hqFiles(caseId)).toEqual([{ file_name: FILE_NAME, withheld_by: null }]);

  // A PC of B restored from HQ afterwards gets the whole case, its file intact.
  const restored = await enrolledPc(`${order}-sh-restored`, true, to);
  await restoreFromHq(restored.db, Date.now());
  expectWholeCase(restored, caseId, to, from);
  expect(projectionDigest(restored.db)).toBe(projectionDigest(sh1.db));
}

describe('an offline PC of the sending branch disposes of a transferred case', () => {
  it('its disposal reaching HQ before the transfer: B keeps its case and its file', async () => {
    await offlineDisposalRace('disposal-first', 1);
  }, 240_000);

  it('its disposal reaching HQ after the transfer: the same end', async () => {
    await offlineDisposalRace('transfer-first', 2);
  }, 240_000);

  it('a holder’s disposal: its files are withheld until every PC of the branch is past it, then deleted', async () => {
    const { bj1, bj2, bj3 } = await enrolledPcs({ BJ23: ['bj1', 'bj2', 'bj3'] }, 'settle-');
    const caseId = closedCase(bj1);
    await syncInOrder(bj1, bj2, bj3);
    disposeThreeYearsOn(bj2, caseId);
    await syncNow(bj2.db, Date.now());
    expect(await hqFiles(caseId)).toEqual([{ file_name: FILE_NAME, withheld_by: expect.any(String) }]);
    // bj1 takes the disposal and writes on: everything it made before is at HQ now.
    await syncNow(bj1.db, Date.now());
    registerCase(bj1.ctx('clerk'), registration({ receivedAt: bj1.clock.now() - 60_000 }));
    await syncNow(bj1.db, Date.now());
    expect(await hqFiles(caseId)).toHaveLength(1); // bj3 has pushed nothing since
    // bj3 is never heard from again: revoking it settles the disposal.
    await hq().admin.revoke(getInstallationId(bj3.db));
    expect(await hqFiles(caseId)).toEqual([]);
    const restored = await enrolledPc('settle-restored', true, 'BJ23');
    await expectShellOnlyRestore(restored, caseId, [NAME, FACTS, CONTACT_BJ]);
  }, 240_000);
});
