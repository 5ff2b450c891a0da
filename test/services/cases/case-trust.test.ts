import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases/register.service';
import { annotateCase } from '../../../main/services/cases/edit.service';
import { getCase, getCaseHistory } from '../../../main/services/cases/read.service';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { expectAppError } from '../../helpers/archive-test-utils';

let f: ArchiveFixture;
beforeEach(() => {
  f = createArchiveFixture();
});
afterEach(() => f.close());

describe('annotations are changes (issue 13 item 9)', () => {
  it('an analyst, who reads every branch, may not annotate any case', async () => {
    const bj = registerCase(f.ctx('clerk', 'BJ01'), registration());
    await expectAppError(() => annotateCase(f.ctx('analyst'), bj.id, '看过了'), 'FORBIDDEN');
    await expectAppError(() => annotateCase(f.ctx('clerk'), bj.id, '看过了'), 'FORBIDDEN');
    expect(getCaseHistory(f.ctx('admin'), bj.id).filter((e) => e.type === 'case.annotated')).toHaveLength(0);
  });

  it("a handler annotates own-branch cases only; another branch's case is not found", async () => {
    // Cases take the archive's branch (BJ01); a handler of SH01 is outside its scope.
    const bj = registerCase(f.ctx('clerk', 'BJ01'), registration());
    await expectAppError(() => annotateCase(f.ctx('handler', 'SH01'), bj.id, '越权批注'), 'NOT_FOUND');
    annotateCase(f.ctx('handler', 'BJ01'), bj.id, '已联系客户');
    const notes = getCaseHistory(f.ctx('admin'), bj.id).filter((e) => e.type === 'case.annotated');
    expect(notes.map((e) => e.payload)).toEqual([{ text: '已联系客户' }]);
  });
});

describe('account and card numbers are masked like ID and phone (issue 13 item 8)', () => {
  it('a clerk sees only the last four digits, in the record and in history payloads', () => {
    const created = registerCase(f.ctx('clerk'), registration({ accountNumber: '6222 0202 0011 2233' }));
    const asClerk = getCase(f.ctx('clerk'), created.id);
    expect(asClerk.record.accountNumber).toBe('************2233');
    const history = JSON.stringify(getCaseHistory(f.ctx('clerk'), created.id));
    expect(history).not.toContain('62220202');
    expect(getCase(f.ctx('handler'), created.id).record.accountNumber).toMatch(/^6222 ?0202/);
  });
});
