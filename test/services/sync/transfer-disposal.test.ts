import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { verifyChains } from '../../../db/repos/history.repo';
import { listAttachments } from '../../../main/services/cases/attachments.service';
import { listContacts, logContact } from '../../../main/services/cases/contacts.service';
import { annotateCase } from '../../../main/services/cases/edit.service';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import { DESTROYED_TEXT } from '../../../shared/domain/case-shell';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { CLOSED_AT } from '../retention/retention-fixture';
import {
  closedAndTransferred,
  conflictsOn,
  CONTACT_BJ,
  contactOn,
  disposeThreeYearsOn,
  expectShellOnlyRestore,
  FACTS,
  FILE_NAME,
  historyHolding,
  hqCase,
  hqContactSummaries,
  hqEventsHolding,
  hqRows,
  NAME,
  syncInOrder,
} from './transfer-disposal-fixture';

/**
 * A case closed at Beijing and transferred to Shanghai stays at Beijing as a read-only shell. When
 * Beijing's records office later disposes of that shell, only Beijing's copies go (its PCs, its
 * events at HQ): Shanghai's live case, HQ's projection of it, its files and Shanghai's events stay.
 * Real archives of two branches, a real HQ on a real PostgreSQL over HTTPS.
 */
const setup = useHqWithPcs('transfer-disposal');
const { enrolledPc, enrolledPcs } = setup;

const CONTACT_SH = '上海：约客户到网点面谈核实';
const LATE_SH = '上海：客户补交了购买合同复印件';
const NOTE_BJ = '北京备注：原经办人已调岗';

const contact = (summary: string) =>
  contactOn('2020-03-11', summary, { method: 'visit', contactedBy: '孙七' });
const hqEventsOf = (caseId: string, branch: string, text: string) =>
  hqEventsHolding(setup.hq(), caseId, branch, text);

describe('a transferred case disposed of at the branch that sent it', () => {
  it('destroys the sender’s shell and copies only; the receiving branch keeps its live case', async () => {
    const { bj1, bj2, sh1 } = await enrolledPcs({ BJ01: ['bj1', 'bj2'], SH01: ['sh1'] });
    const caseId = closedAndTransferred(bj1);
    await syncInOrder(bj1, bj2, sh1);
    sh1.clock.set(CLOSED_AT + 86_400_000);
    logContact(sh1.ctx('supervisor'), caseId, contact(CONTACT_SH));
    await syncNow(sh1.db, Date.now());
    // The check can fail: HQ holds Beijing's events with the name before the disposal.
    expect(await hqEventsOf(caseId, 'BJ01', NAME)).toBeGreaterThan(0);

    // Three years on, Beijing's records office disposes of its shell.
    disposeThreeYearsOn(bj1, caseId);
    await syncNow(bj1.db, Date.now());

    // HQ: the live case at Shanghai is untouched: row, work rows, files, Shanghai's events.
    const row = await hqCase(setup.hq(), caseId);
    expect(row).toMatchObject({ branch_code: 'SH01' });
    expect(row!.data).toMatchObject({ complainantName: NAME, factsText: FACTS, conflicts: 0 });
    expect(await hqContactSummaries(setup.hq(), caseId)).toEqual([CONTACT_BJ, CONTACT_SH].sort());
    const files = await hqRows(setup.hq(), sql`SELECT id FROM attachments WHERE case_id = ${caseId}`);
    expect(files).toHaveLength(1);
    expect(await hqEventsOf(caseId, 'SH01', NAME)).toBeGreaterThan(0);
    expect(await hqEventsOf(caseId, 'SH01', `"$redacted"`)).toBe(0);
    // Beijing's copies at HQ are redacted.
    for (const text of [NAME, FACTS, CONTACT_BJ, FILE_NAME]) {
      expect(await hqEventsOf(caseId, 'BJ01', text), text).toBe(0);
    }

    // Shanghai works on: its later events are not redacted for Beijing's disposal.
    logContact(sh1.ctx('supervisor'), caseId, contact(LATE_SH));
    await syncNow(sh1.db, Date.now());
    expect(await hqEventsOf(caseId, 'SH01', LATE_SH)).toBe(1);
    expect(getCaseRowById(sh1.db, caseId)).toMatchObject({ complainantName: NAME, branchCode: 'SH01' });

    // A Shanghai PC restored from HQ gets the whole live case, and it verifies.
    const shRestored = await enrolledPc('sh-restored', true, 'SH01');
    await restoreFromHq(shRestored.db, Date.now());
    expect(verifyChains(shRestored.db)).toEqual([]);
    expect(getCaseRowById(shRestored.db, caseId)).toMatchObject({ complainantName: NAME, factsText: FACTS });
    expect(listContacts(shRestored.ctx('supervisor'), caseId).map((c) => c.summary)).toEqual(
      expect.arrayContaining([CONTACT_BJ, CONTACT_SH, LATE_SH]),
    );
    expect(listAttachments(shRestored.ctx('supervisor'), caseId)).toHaveLength(1);

    // Beijing's other PC, which noted something on its shell while offline, gets the disposal: its
    // shell goes the same way, without a conflict; the note is redacted when it reaches HQ.
    bj2.clock.set(Date.parse('2023-06-02T02:00:00Z'));
    annotateCase(bj2.ctx('supervisor'), caseId, NOTE_BJ);
    await syncNow(bj2.db, Date.now());
    expect(getCaseRowById(bj2.db, caseId)).toMatchObject({
      complainantName: DESTROYED_TEXT,
      transferredTo: 'SH01',
    });
    expect(conflictsOn(bj2, caseId)).toBe(0);
    expect(historyHolding(bj2, NAME)).toBe(0);
    expect(verifyChains(bj2.db)).toEqual([]);
    expect(await hqEventsOf(caseId, 'BJ01', NOTE_BJ)).toBe(0);

    // A Beijing PC restored from HQ holds the shell only.
    const bjRestored = await enrolledPc('bj-restored', true, 'BJ01');
    await expectShellOnlyRestore(bjRestored, caseId, [NAME, FACTS, CONTACT_BJ, NOTE_BJ]);
  }, 240_000);
});
