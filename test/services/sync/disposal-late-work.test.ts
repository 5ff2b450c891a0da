import { afterAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../../db/repos/history.repo';
import { addAttachment, listAttachments } from '../../../main/services/cases/attachments.service';
import { listContacts, logContact } from '../../../main/services/cases/contacts.service';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { createBranchPcs, heldSeq, sendChain, syncAll, type BranchPc } from '../../helpers/branch-pcs';
import { registration } from '../../helpers/case-inputs';
import { CLOSED_AT } from '../retention/retention-fixture';

/**
 * Work another PC of the branch did on a case before it learnt of the case's disposal must not
 * bring content back on any PC: neither what a PC held, unlisted by the disposal, when the disposal
 * arrived, nor what arrives after it (contacts, notes, evidence written offline). Real archives;
 * events move between them as sync moves them.
 */
const branch = createBranchPcs(3);
const [pc1, pc2, pc3] = branch.pcs as [BranchPc, BranchPc, BranchPc];
afterAll(() => branch.close());

const NAME = '上官秘密';
const UNSEEN = 'PC3：客户补充说明了第二笔交易';
const LATE = 'PC3：客户来电催问处理进度';
const LATE_FILE = '上官-补充材料.pdf';

function contact(summary: string) {
  return {
    contactDate: '2020-03-10',
    method: 'phone',
    contactedBy: '赵六',
    outcome: 'informed',
    summary,
  } as const;
}

function holding(pc: BranchPc, text: string): number {
  const row = pc.db.$client
    .prepare('SELECT count(*) AS n FROM history_events WHERE payload LIKE ?')
    .get(`%${text}%`) as { n: number };
  return row.n;
}

describe('late work on a disposed case', () => {
  it('brings no content back on any PC', () => {
    for (const pc of branch.pcs) pc.clock.set(CLOSED_AT - 3_600_000);
    const input = registration({
      receivedAt: CLOSED_AT - 7_200_000,
      complainant: { name: NAME, phone: '13600001111' },
      classification: { businessCode: 'B03' },
    });
    const { id } = registerCase(pc1.ctx('clerk'), input);
    syncAll(branch.pcs);
    // PC3 works the case; PC2 gets that, PC1 (which disposes of the case) never sees it.
    logContact(pc3.ctx('supervisor'), id, contact(UNSEEN));
    sendChain(pc3, pc2, pc3.installationId, heldSeq(pc2, pc3.installationId));
    expect(listContacts(pc2.ctx('supervisor'), id).map((c) => c.summary)).toEqual([UNSEEN]);

    pc1.clock.set(CLOSED_AT);
    const rejected = transitionCase(pc1.ctx('supervisor'), id, 1, {
      action: 'reject',
      reason: '不属于受理范围',
    });
    transitionCase(pc1.ctx('supervisor'), id, rejected.record.version, { action: 'archive' });
    pc1.clock.set(Date.parse('2023-06-01T02:00:00Z'));
    const batch = proposeDisposal(pc1.ctx('supervisor'), { kind: 'retention', caseIds: [id] });
    approveDisposal(pc1.ctx('admin'), { batchId: batch.id });
    // PC3, offline, works on its open copy: a contact and a piece of evidence.
    logContact(pc3.ctx('supervisor'), id, contact(LATE));
    addAttachment(pc3.ctx('clerk'), id, {
      fileName: LATE_FILE,
      mimeType: 'application/pdf',
      data: Buffer.from('%PDF late evidence'),
    });
    // The check can fail: before the disposal reaches them, PC2 and PC3 hold the texts.
    expect(holding(pc2, UNSEEN)).toBeGreaterThan(0);
    expect(holding(pc3, LATE)).toBeGreaterThan(0);

    syncAll(branch.pcs);
    syncAll(branch.pcs);

    for (const pc of branch.pcs) {
      for (const text of [NAME, UNSEEN, LATE, LATE_FILE])
        expect(holding(pc, text), `${pc.name} ${text}`).toBe(0);
      expect(listAttachments(pc.ctx('supervisor'), id), pc.name).toEqual([]);
      expect(
        listContacts(pc.ctx('supervisor'), id).map((c) => c.summary),
        pc.name,
      ).toEqual(['', '']);
      expect(verifyChains(pc.db), pc.name).toEqual([]);
    }
    expect(projectionDigest(pc2.db)).toBe(projectionDigest(pc1.db));
    expect(projectionDigest(pc3.db)).toBe(projectionDigest(pc1.db));
  });
});
