import { afterAll, describe, expect, it } from 'vitest';
import { logContact, listContacts } from '../../../main/services/cases/contacts.service';
import {
  addRectificationAction,
  listRectificationActions,
  moveRectificationAction,
} from '../../../main/services/cases/rectification.service';
import { addReferral, listReferrals } from '../../../main/services/cases/referrals.service';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import { collectChain } from '../../../main/services/sync/outgoing';
import { applyReplayBatch } from '../../../main/services/sync/apply-remote';
import { createBranchPcs, syncAll, type BranchPc } from '../../helpers/branch-pcs';
import { registration } from '../../helpers/case-inputs';
import { registerCase as register, transitionCase } from '../../../main/services/cases';
import { CLOSED_AT } from '../retention/retention-fixture';
import { localDate } from '../../../shared/domain/deadlines';

/**
 * Case work (contacts, rectification actions, referrals) made on one PC of a branch reaches the
 * others by sync, exactly as if made there: real archives, events moved as the sync engine moves
 * them. Order and repetition of the batches do not change the rows.
 */
const branch = createBranchPcs(3);
const [pc1, pc2, pc3] = branch.pcs as [BranchPc, BranchPc, BranchPc];
afterAll(() => branch.close());

/** Every work row of a case as one PC holds it, table by table. */
function workRows(pc: BranchPc, caseId: string): Record<string, unknown[]> {
  const rows = (table: string) =>
    pc.db.$client.prepare(`SELECT * FROM ${table} WHERE case_id = ? ORDER BY id`).all(caseId);
  return {
    contacts: rows('case_contacts'),
    rectifications: rows('rectification_actions'),
    referrals: rows('case_referrals'),
  };
}

/** Sends one installation's whole chain as `from` holds it. */
function sendAll(from: BranchPc, to: BranchPc, installationId: string) {
  return applyReplayBatch(to.db, collectChain(from.db, installationId, { afterSeq: 0, limit: 10_000 }), 1);
}

/** A case registered, worked (a contact) and archived on 2020-03-10, ready for disposal. */
function workedClosedCase(pc: BranchPc): string {
  pc.clock.set(CLOSED_AT - 3_600_000);
  const sup = pc.ctx('supervisor');
  const input = registration({
    receivedAt: CLOSED_AT - 7_200_000,
    complainant: { name: '张三', phone: '13812345678' },
    classification: { businessCode: 'B03' },
  });
  const { id } = register(pc.ctx('clerk'), input);
  logContact(sup, id, {
    contactDate: '2020-03-10',
    method: 'phone',
    contactedBy: '李四',
    summary: '电话联系张三先生',
    outcome: 'informed',
  });
  pc.clock.set(CLOSED_AT);
  const rejected = transitionCase(sup, id, 1, { action: 'reject', reason: '不属于受理范围' });
  transitionCase(sup, id, rejected.record.version, { action: 'archive' });
  return id;
}

let caseId = '';
let actionId = '';

describe('case work synchronised between PCs of a branch', () => {
  it('shows PC 1’s contact, action and its move on PC 2', () => {
    const sup = pc1.ctx('supervisor');
    caseId = register(pc1.ctx('clerk'), registration()).id;
    logContact(sup, caseId, {
      contactDate: localDate(pc1.clock.now(), pc1.clock.timeZone),
      method: 'phone',
      contactedBy: '李四',
      summary: '电话告知客户调查进度',
      outcome: 'informed',
    });
    const action = addRectificationAction(sup, caseId, {
      what: '复核年费扣收规则',
      department: '信用卡部',
      owner: '王五',
      dueDate: '2027-06-30',
    });
    actionId = action.id;
    moveRectificationAction(sup, action.id, 1, { to: 'in_progress' });
    expect(workRows(pc2, caseId).contacts).toEqual([]); // the check can fail: nothing synced yet

    syncAll(branch.pcs);
    const viewer = pc2.ctx('supervisor');
    expect(listContacts(viewer, caseId)).toEqual(listContacts(sup, caseId));
    expect(listRectificationActions(viewer, caseId)).toMatchObject([{ id: actionId, status: 'in_progress' }]);
    expect(workRows(pc2, caseId)).toEqual(workRows(pc1, caseId));
  });

  it('ends with the same rows on every PC after concurrent moves and a referral', () => {
    pc1.clock.set(pc1.clock.now() + 60_000);
    pc2.clock.set(pc1.clock.now() + 120_000);
    moveRectificationAction(pc1.ctx('supervisor'), actionId, 2, { to: 'done', evidence: '已修订规则' });
    moveRectificationAction(pc2.ctx('supervisor'), actionId, 2, { to: 'done', evidence: '规则已复核' });
    addReferral(pc2.ctx('supervisor'), caseId, {
      kind: 'referral',
      toDepartment: '信用卡部',
      assignee: '赵六',
      task: '核实扣费记录',
      dueDate: '2027-04-01',
    });
    syncAll(branch.pcs);
    const expected = workRows(pc1, caseId);
    expect(expected.rectifications).toMatchObject([{ evidence: '规则已复核' }]); // pc2's is later
    expect(expected.referrals).toHaveLength(1);
    expect(workRows(pc2, caseId)).toEqual(expected);
    expect(workRows(pc3, caseId)).toEqual(expected);
    expect(listReferrals(pc1.ctx('supervisor'), caseId)).toEqual(
      listReferrals(pc2.ctx('supervisor'), caseId),
    );
  });

  it('gives the same rows whatever the order of the batches, and twice the same batch changes nothing', () => {
    const late = createBranchPcs(1);
    try {
      const [pc4] = late.pcs as [BranchPc];
      sendAll(pc1, pc4, pc2.installationId); // pc2's work before the case itself has arrived
      expect(workRows(pc4, caseId).referrals).toEqual([]);
      sendAll(pc1, pc4, pc1.installationId);
      const once = workRows(pc4, caseId);
      expect(once).toEqual(workRows(pc1, caseId));
      const again = sendAll(pc1, pc4, pc1.installationId);
      expect(again.applied).toBe(0);
      sendAll(pc1, pc4, pc2.installationId);
      expect(workRows(pc4, caseId)).toEqual(once);
    } finally {
      late.close();
    }
  });

  it('clears a disposed case’s work texts on the other PCs as on the disposing one', () => {
    const closed = workedClosedCase(pc1);
    syncAll(branch.pcs);
    expect(workRows(pc2, closed).contacts).toMatchObject([{ summary: '电话联系张三先生' }]);
    for (const pc of branch.pcs) pc.clock.set(Date.parse('2023-06-01T02:00:00Z'));
    const batch = proposeDisposal(pc1.ctx('supervisor'), { kind: 'retention', caseIds: [closed] });
    approveDisposal(pc1.ctx('admin'), { batchId: batch.id });
    syncAll(branch.pcs);
    expect(workRows(pc1, closed).contacts).toMatchObject([{ summary: '' }]);
    expect(workRows(pc2, closed)).toEqual(workRows(pc1, closed));
    expect(workRows(pc3, closed)).toEqual(workRows(pc1, closed));
  });
});
