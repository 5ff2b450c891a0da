import { describe, expect, it } from 'vitest';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { registerCase } from '../../../main/services/cases';
import { logContact } from '../../../main/services/cases/contacts.service';
import { updateCase } from '../../../main/services/cases/edit.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import {
  conflictsOn,
  contactOn,
  contactSummaries,
  expectHqRebuildEqualsLive,
  hqCase,
  hqContactSummaries,
  hqEventsHolding,
  syncInOrder,
} from './transfer-disposal-fixture';

/**
 * A change the sending branch made offline, before it learnt of the transfer, and stamped after it
 * (docs/SYNC.md "Case transfers", the holder rule): it is never applied to the receiving branch's
 * case, at HQ or on its PCs, whether it reaches HQ while the case is in transit or with the PC that
 * last held the transfer back; it
 * stays in the history (never dropped) and is a conflict on the sender's shell. Real archives of two
 * branches and a real HQ on PostgreSQL.
 */
const setup = useHqWithPcs('transfer-late-change');
const { enrolledPc, enrolledPcs } = setup;

const T0 = Date.parse('2026-11-02T02:00:00Z');
const CONTACT_BJ = '北京：已电话联系客户';
const LATE_BEFORE = '北京（离线）：客户来电催办';
const LATE_AFTER = '北京（离线）：客户再次来电';

const contact = (summary: string) => contactOn('2026-11-02', summary);

describe('a late change from the branch that transferred the case away', () => {
  it('is kept in the history and flagged at the sender, never applied to the receiver’s case', async () => {
    const { bj1, bj2, bj3, sh1 } = await enrolledPcs({ BJ01: ['bj1', 'bj2', 'bj3'], SH01: ['sh1'] });
    bj1.clock.set(T0);
    const input = registration({ receivedAt: T0, complainant: { name: '欧阳明', phone: '13911112222' } });
    const { id: caseId } = registerCase(bj1.ctx('clerk'), input);
    logContact(bj1.ctx('supervisor'), caseId, contact(CONTACT_BJ));
    await syncInOrder(bj1, bj2, bj3); // bj2 and bj3 hold the case, then go offline

    bj1.clock.set(T0 + 3_600_000);
    const held = getCaseRowById(bj1.db, caseId)!;
    transferCase(bj1.ctx('supervisor'), {
      caseId,
      toBranch: 'SH01',
      reason: '客户在上海',
      expectedVersion: held.version,
    });
    await syncNow(bj1.db, Date.now());

    // bj2, offline and unaware, corrects the case and logs a contact, stamped after the transfer;
    // it reaches HQ while the case is in transit.
    bj2.clock.set(T0 + 7_200_000);
    updateCase(bj2.ctx('supervisor'), caseId, getCaseRowById(bj2.db, caseId)!.version, {
      productName: '离线改的产品',
    });
    logContact(bj2.ctx('supervisor'), caseId, contact(LATE_BEFORE));
    await syncNow(bj2.db, Date.now());

    // bj3, offline too, logs a contact after the transfer. HQ holds the transfer back until bj3 is
    // past it (bj3 could have disposed of the case before it: "A transfer stamped after a
    // disposal"), so Shanghai takes the case only once bj3's contact has reached HQ.
    bj3.clock.set(T0 + 10_800_000);
    logContact(bj3.ctx('supervisor'), caseId, contact(LATE_AFTER));
    await syncNow(sh1.db, Date.now());
    expect(getCaseRowById(sh1.db, caseId)).toBeUndefined();
    await syncInOrder(bj3, sh1, sh1);

    const hq = setup.hq();
    const row = await hqCase(hq, caseId);
    expect(row).toMatchObject({ branch_code: 'SH01' });
    expect(row!.data).toMatchObject({ productName: held.productName, conflicts: 0 });
    expect(await hqContactSummaries(hq, caseId)).toEqual([CONTACT_BJ]);
    expect(contactSummaries(sh1, caseId)).toEqual([CONTACT_BJ]);
    expect(getCaseRowById(sh1.db, caseId)).toMatchObject({ productName: held.productName });
    // Never dropped: HQ keeps bj2's events; bj2 flags its edit on the shell.
    for (const text of [LATE_BEFORE, LATE_AFTER, '离线改的产品'])
      expect(await hqEventsHolding(hq, caseId, 'BJ01', text), text).toBe(1);
    expect(conflictsOn(bj2, caseId)).toBeGreaterThan(0);
    expect(getCaseRowById(bj2.db, caseId)).toMatchObject({
      transferredTo: 'SH01',
      productName: held.productName,
    });

    // HQ's projection rebuilt from its events is the same; Shanghai's second PC equals the first.
    await expectHqRebuildEqualsLive(hq);
    const sh2 = await enrolledPc('sh2', false, 'SH01');
    await syncNow(sh2.db, Date.now());
    expect(projectionDigest(sh2.db)).toBe(projectionDigest(sh1.db));
  }, 240_000);
});
