import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setMeta } from '../../../db/repos/meta.repo';
import { registerCase } from '../../../main/services/cases/register.service';
import { registration } from '../../helpers/case-inputs';
import { createBranchPcs, sendChain, type BranchPc } from '../../helpers/branch-pcs';

/**
 * A PC that replaces a lost one is set up with the lost PC's terminal code (the natural choice:
 * "the new T2"). It holds the lost PC's cases, restored or synced from head office, but not its
 * counters: its own registrations must continue after the numbers it holds instead of failing on
 * the case-number index (the clerk saw "internal error" for every case of such a day).
 */
let branch: ReturnType<typeof createBranchPcs>;
let lost: BranchPc;
let replacement: BranchPc;

beforeEach(() => {
  branch = createBranchPcs(2);
  [lost, replacement] = branch.pcs as [BranchPc, BranchPc];
  setMeta(replacement.db, 'terminal_code', 'T1');
});
afterEach(() => branch.close());

describe('a replacement PC with the lost PC’s terminal code', () => {
  it('numbers its cases after the lost PC’s numbers it received', () => {
    const first = registerCase(lost.ctx('clerk'), registration());
    const second = registerCase(lost.ctx('clerk'), registration({ request: '第二件' }));
    expect(second.caseNo.slice(0, -4)).toBe(first.caseNo.slice(0, -4));
    sendChain(lost, replacement, lost.installationId, 0);

    const own = registerCase(replacement.ctx('clerk'), registration({ request: '新电脑登记' }));
    expect(own.caseNo).toBe(`${first.caseNo.slice(0, -4)}0003`);
    const next = registerCase(replacement.ctx('clerk'), registration({ request: '又一件' }));
    expect(next.caseNo).toBe(`${first.caseNo.slice(0, -4)}0004`);
  });
});
