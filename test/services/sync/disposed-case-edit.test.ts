import { describe, expect, it } from 'vitest';
import { updateCase } from '../../../main/services/cases/edit.service';
import { transitionCase } from '../../../main/services/cases';
import { addAttachment } from '../../../main/services/cases/attachments.service';
import { createBranchPcs, syncAll } from '../../helpers/branch-pcs';
import { runStep, type Step } from '../../helpers/branch-simulation';
import { projectionDigest } from '../../../main/services/sync/projection-digest';

// Registered, withdrawn and disposed of on PC 3, then edited there: enough for the PCs to differ.
const steps: Step[] = [
  { kind: 'register', pc: 2, variant: 0 },
  { kind: 'transition', pc: 2, pick: 0, variant: 29 },
  { kind: 'dispose', pc: 2, pick: 0 },
  { kind: 'edit', pc: 2, pick: 0, variant: 2 },
];

/**
 * The convergence property's counterexample (seed 246720804, shrunk, cut to its first four
 * steps): a PC disposed of a closed case and then edited it. The edit brought the facts back on that PC while the other PCs' fold dropped
 * it, so the projections differed. A disposed case now refuses edits (CASE_DISPOSED).
 */
describe('a change to a disposed case', () => {
  it('is refused (so are a transition and a file), and the three PCs converge', () => {
    const branch = createBranchPcs(3);
    try {
      const outcomes = steps.map((s) => runStep(branch.pcs, s));
      expect(outcomes[3]).toBe('refused');
      const pc2 = branch.pcs[2]!;
      const [disposed] = pc2.db.$client.prepare('SELECT id FROM cases').pluck().all() as string[];
      const versionOf = (id: string) =>
        pc2.db.$client.prepare('SELECT version FROM cases WHERE id = ?').pluck().get(id) as number;
      expect(() =>
        updateCase(pc2.ctx('clerk'), disposed!, versionOf(disposed!), { facts: '补充事实' }),
      ).toThrow(expect.objectContaining({ code: 'CASE_DISPOSED' }));
      expect(() =>
        transitionCase(pc2.ctx('supervisor'), disposed!, versionOf(disposed!), { action: 'archive' }),
      ).toThrow(expect.objectContaining({ code: 'CASE_DISPOSED' }));
      expect(() =>
        addAttachment(pc2.ctx('clerk'), disposed!, {
          fileName: 'x.pdf',
          mimeType: 'application/pdf',
          data: Buffer.from('%PDF'),
        }),
      ).toThrow(expect.objectContaining({ code: 'CASE_DISPOSED' }));
      syncAll(branch.pcs);
      expect(new Set(branch.pcs.map((pc) => projectionDigest(pc.db))).size).toBe(1);
    } finally {
      branch.close();
    }
  });
});
