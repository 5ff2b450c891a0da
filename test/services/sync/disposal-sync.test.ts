import { afterAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../../db/repos/history.repo';
import { listAttachments } from '../../../main/services/cases/attachments.service';
import {
  approveDisposal,
  caseRetention,
  proposeDisposal,
} from '../../../main/services/retention/disposal.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { createBranchPcs, syncAll } from '../../helpers/branch-pcs';
import { closedCase } from '../retention/retention-fixture';

/**
 * A disposal made on one PC of a branch reaches the other by sync: the row becomes the same shell,
 * the attachment and the texts go from that PC too, its copies of the redacted events are redacted,
 * and both chains still verify.
 */
const branch = createBranchPcs(2);
const [pc1, pc2] = branch.pcs as [(typeof branch.pcs)[0], (typeof branch.pcs)[0]];
afterAll(() => branch.close());

const SECRET = '王秘密客户';

describe('a disposal synchronised to another PC of the branch', () => {
  it('destroys that PC’s copy too', () => {
    const caseId = closedCase(pc1, { name: SECRET, attachment: Buffer.from('evidence bytes 9c1f') });
    syncAll(branch.pcs);
    pc2.clock.set(pc1.clock.now());
    expect(listAttachments(pc2.ctx('supervisor'), caseId)).toHaveLength(1);
    // The check can fail: before the disposal the other PC's events hold the name.
    const before = pc2.db.$client
      .prepare('SELECT count(*) AS n FROM history_events WHERE payload LIKE ?')
      .get(`%${SECRET}%`) as { n: number };
    expect(before.n).toBeGreaterThan(0);

    for (const pc of branch.pcs) pc.clock.set(Date.parse('2023-06-01T02:00:00Z'));
    const batch = proposeDisposal(pc1.ctx('supervisor'), { kind: 'retention', caseIds: [caseId] });
    approveDisposal(pc1.ctx('admin'), { batchId: batch.id });
    syncAll(branch.pcs);

    expect(projectionDigest(pc2.db)).toBe(projectionDigest(pc1.db));
    expect(caseRetention(pc2.ctx('supervisor'), caseId).isDisposed).toBe(true);
    expect(listAttachments(pc2.ctx('supervisor'), caseId)).toEqual([]);
    for (const pc of branch.pcs) {
      const leaks = pc.db.$client
        .prepare('SELECT count(*) AS n FROM history_events WHERE payload LIKE ?')
        .get(`%${SECRET}%`) as { n: number };
      expect(leaks.n, pc.name).toBe(0);
      expect(verifyChains(pc.db), pc.name).toEqual([]);
    }
  });
});
