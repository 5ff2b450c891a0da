import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCase, getCaseHistory, registerCase, transitionCase } from '../../../main/services/cases';
import { getCaseWorkStats } from '../../../main/services/analytics/case-work-stats';
import { suggestClassification } from '../../../main/services/cases/classification-suggest.service';
import { logContact, listContacts } from '../../../main/services/cases/contacts.service';
import {
  customerHistory,
  customerHistoryOfCase,
} from '../../../main/services/cases/customer-history.service';
import {
  addRectificationAction,
  listOverdueRectifications,
  moveRectificationAction,
  setRootCause,
} from '../../../main/services/cases/rectification.service';
import { addReferral, moveReferral } from '../../../main/services/cases/referrals.service';
import type { CaseRecord } from '../../../shared/domain/case';
import { AppError } from '../../../shared/errors';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

let f: ArchiveFixture;
let c: CaseRecord;
beforeEach(() => {
  f = createArchiveFixture();
  c = registerCase(f.ctx('clerk'), registration({ intakeMethod: 'letter' }));
});
afterEach(() => f.close());

function failure(run: () => unknown): { code: string; fields?: Record<string, string> } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, fields: error.fields };
    throw error;
  }
  return { code: 'no error' };
}

function counts() {
  const q = (sql: string) => (f.db.$client.prepare(sql).get() as { n: number }).n;
  return {
    events: q('SELECT count(*) n FROM history_events'),
    actions: q('SELECT count(*) n FROM rectification_actions'),
    referrals: q('SELECT count(*) n FROM case_referrals'),
    contacts: q('SELECT count(*) n FROM case_contacts'),
  };
}

const contactInput = {
  contactDate: '2026-11-23',
  method: 'phone',
  contactedBy: '王五',
  summary: '告知已受理，预计 15 日内答复',
  outcome: 'informed',
} as const;

const action = { what: '修订年费告知话术', department: '信用卡部', owner: '李四', dueDate: '2026-12-10' };

describe('rectification', () => {
  it('records the intake method and the coded root cause, each change an event', () => {
    expect(getCase(f.ctx('handler'), c.id).record.intakeMethod).toBe('letter');
    setRootCause(f.ctx('handler'), c.id, { internalCause: 'process', rootCause: '告知流程缺失' });
    const { record } = getCase(f.ctx('handler'), c.id);
    expect(record.handling).toMatchObject({ internalCause: 'process', rootCause: '告知流程缺失' });
    const last = getCaseHistory(f.ctx('handler'), c.id).at(-1);
    expect(last).toMatchObject({ type: 'case.root_cause_set' });
    expect(last?.payload).toMatchObject({ changes: { internalCause: { before: null, after: 'process' } } });
  });

  it('moves an action planned → in progress → done → verified, only a supervisor verifying', () => {
    const handler = f.ctx('handler');
    let a = addRectificationAction(handler, c.id, action);
    expect(a.status).toBe('planned');
    a = moveRectificationAction(handler, a.id, a.version, { to: 'in_progress' });
    expect(failure(() => moveRectificationAction(handler, a.id, a.version, { to: 'done' })).fields).toEqual({
      evidence: 'casework.validation.evidenceRequired',
    });
    a = moveRectificationAction(handler, a.id, a.version, { to: 'done', evidence: '新话术已上线' });
    expect(a).toMatchObject({ status: 'done', doneDate: '2026-11-23', evidence: '新话术已上线' });
    expect(failure(() => moveRectificationAction(handler, a.id, a.version, { to: 'verified' })).code).toBe(
      'FORBIDDEN',
    );
    a = moveRectificationAction(f.ctx('supervisor'), a.id, a.version, { to: 'verified' });
    expect(a).toMatchObject({ status: 'verified', verifiedBy: 'user-supervisor-BJ01' });
    const moved = getCaseHistory(handler, c.id).filter((e) => e.type === 'case.rectification_moved');
    expect(moved.map((e) => (e.payload as { to: string }).to)).toEqual(['in_progress', 'done', 'verified']);
    // The event carries the whole row, so a replica can rebuild it from events alone.
    expect((moved.at(-1)?.payload as { action: unknown }).action).toEqual(a);
  });

  it('refuses a skipped step or a stale version and changes nothing', () => {
    const a = addRectificationAction(f.ctx('handler'), c.id, action);
    const before = counts();
    expect(
      failure(() => moveRectificationAction(f.ctx('supervisor'), a.id, a.version, { to: 'verified' })).fields,
    ).toEqual({ to: 'casework.validation.stepSkipped' });
    expect(
      failure(() => moveRectificationAction(f.ctx('handler'), a.id, 9, { to: 'in_progress' })).code,
    ).toBe('CONFLICT');
    expect(failure(() => addRectificationAction(f.ctx('clerk'), c.id, action)).code).toBe('FORBIDDEN');
    expect(
      failure(() => addRectificationAction(f.ctx('handler'), c.id, { ...action, dueDate: '2026-02-30' }))
        .fields,
    ).toEqual({ dueDate: 'casework.validation.dateInvalid' });
    expect(counts()).toEqual(before);
  });

  it('lists open actions past their due date as overdue, within the actor’s branch', () => {
    const a = addRectificationAction(f.ctx('handler'), c.id, { ...action, dueDate: '2026-11-25' });
    expect(listOverdueRectifications(f.ctx('handler'))).toEqual([]);
    f.clock.advanceDays(3);
    expect(listOverdueRectifications(f.ctx('handler')).map((o) => [o.id, o.caseNo])).toEqual([
      [a.id, c.caseNo],
    ]);
    expect(listOverdueRectifications(f.ctx('clerk', 'SH01'))).toEqual([]);
  });
});

describe('contact log', () => {
  it('logs a contact as an event and refuses a future date', () => {
    const handler = f.ctx('handler');
    const contact = logContact(handler, c.id, contactInput);
    expect(listContacts(handler, c.id)).toEqual([contact]);
    expect(getCaseHistory(handler, c.id).at(-1)).toMatchObject({ type: 'case.contact_logged' });
    const before = counts();
    const bad = failure(() => logContact(handler, c.id, { ...contactInput, contactDate: '2026-11-24' }));
    expect(bad.fields).toEqual({ contactDate: 'casework.validation.dateInFuture' });
    expect(counts()).toEqual(before);
  });
});

describe('steps that name a contact', () => {
  it('an extension may point at a contact of its own case only', () => {
    const sup = f.ctx('supervisor');
    const accepted = transitionCase(sup, c.id, c.version, { action: 'accept' }).record;
    const other = registerCase(f.ctx('clerk'), registration({ request: '另一件投诉' }));
    const foreign = logContact(f.ctx('handler'), other.id, contactInput);
    const extend = { action: 'extend', toDays: 30, reason: '需调查', customerInformed: true } as const;
    expect(
      failure(() => transitionCase(sup, c.id, accepted.version, { ...extend, contactId: foreign.id })).fields,
    ).toEqual({ contactId: 'casework.validation.contactUnknown' });
    const own = logContact(f.ctx('handler'), c.id, { ...contactInput, method: 'sms', summary: '告知延期' });
    transitionCase(sup, c.id, accepted.version, { ...extend, contactId: own.id });
    const last = getCaseHistory(sup, c.id).at(-1);
    expect(last?.payload).toMatchObject({ input: { contactId: own.id } });
  });
});

describe('referrals', () => {
  it('moves sent → accepted → answered → closed, the answer required', () => {
    const handler = f.ctx('handler');
    let r = addReferral(handler, c.id, {
      kind: 'co_handling',
      toDepartment: '运营管理部',
      assignee: '赵六',
      task: '调取柜面录像',
      dueDate: '2026-11-30',
    });
    expect(
      failure(() => moveReferral(handler, r.id, r.version, { to: 'answered', answer: 'x' })).fields,
    ).toEqual({
      to: 'casework.validation.stepSkipped',
    });
    r = moveReferral(handler, r.id, r.version, { to: 'accepted' });
    expect(failure(() => moveReferral(handler, r.id, r.version, { to: 'answered' })).fields).toEqual({
      answer: 'casework.validation.answerRequired',
    });
    r = moveReferral(handler, r.id, r.version, { to: 'answered', answer: '录像显示已告知' });
    r = moveReferral(handler, r.id, r.version, { to: 'closed' });
    expect(r).toMatchObject({ status: 'closed', answer: '录像显示已告知', answeredDate: '2026-11-23' });
    const types = getCaseHistory(handler, c.id).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('case.referral'))).toHaveLength(4);
  });

  it('needs a department; another branch is the case transfer, not a second kind of referral', () => {
    const base = { kind: 'referral' as const, assignee: '某人', task: '核实', dueDate: '2026-11-30' };
    expect(failure(() => addReferral(f.ctx('handler'), c.id, base)).fields).toEqual({
      toDepartment: 'casework.validation.targetRequired',
    });
    const before = getCaseHistory(f.ctx('handler'), c.id).length;
    const toBranch = { ...base, toDepartment: '个人金融部', toBranchCode: 'SH01' };
    expect(failure(() => addReferral(f.ctx('handler'), c.id, toBranch)).fields).toEqual({
      toBranchCode: 'casework.validation.branchIsTransfer',
    });
    expect(getCaseHistory(f.ctx('handler'), c.id)).toHaveLength(before);
    const referral = addReferral(f.ctx('handler'), c.id, { ...base, toDepartment: '个人金融部' });
    expect(referral).toMatchObject({ toDepartment: '个人金融部', toBranchCode: null });
  });
});

describe('suggested classification', () => {
  it('learns B×C and A from the archive’s classified cases and ranks the matching pair first', () => {
    // Asked once before the second case exists: the next answer must have learned from it.
    expect(suggestClassification(f.ctx('clerk'), '信用卡年费').trainedOn).toBe(1);
    registerCase(
      f.ctx('clerk'),
      registration({
        request: 'ATM吞卡后网点迟迟不退还银行卡',
        classification: { channelCode: 'A0301', businessCode: 'B0201', causeCode: 'C09' },
      }),
    );
    const suggested = suggestClassification(f.ctx('clerk'), '自助银行ATM吞卡，要求退卡');
    expect(suggested.trainedOn).toBe(2);
    expect(suggested.pairs[0]).toMatchObject({ businessCode: 'B0201', causeCode: 'C09' });
    expect(suggested.channels[0]?.channelCode).toBe('A0301');
    expect(suggested.pairs.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 6);
    expect(suggestClassification(f.ctx('clerk'), '吞').pairs).toEqual([]);
    expect(failure(() => suggestClassification(f.ctx('analyst'), '吞卡')).code).toBe('FORBIDDEN');
  });
});

describe('dashboard block', () => {
  it('splits by intake, rates rectification and finds complaints that recur after verification', () => {
    const sup = f.ctx('supervisor');
    let a = addRectificationAction(f.ctx('handler'), c.id, action);
    addRectificationAction(f.ctx('handler'), c.id, { ...action, dueDate: '2026-11-01' });
    a = moveRectificationAction(sup, a.id, a.version, { to: 'in_progress' });
    a = moveRectificationAction(sup, a.id, a.version, { to: 'done', evidence: '已上线' });
    moveRectificationAction(sup, a.id, a.version, { to: 'verified' });
    f.clock.advanceDays(10);
    // Same business × cause 10 days after the verification: a recurrence. Another cause is not.
    const again = registerCase(
      f.ctx('clerk'),
      registration({ request: '年费又被扣', receivedAt: f.clock.now() - 1000 }),
    );
    registerCase(
      f.ctx('clerk'),
      registration({ classification: { causeCode: 'C09' }, receivedAt: f.clock.now() - 1000 }),
    );
    const stats = getCaseWorkStats(f.ctx('analyst'), {});
    expect(stats.intake).toEqual([
      { method: null, count: 2 },
      { method: 'letter', count: 1 },
    ]);
    expect(stats.rectification).toMatchObject({
      total: 2,
      verified: 1,
      planned: 1,
      overdue: 1,
      completionRate: 0.5,
    });
    expect(stats.recurrences.map((r) => [r.caseId, r.verifiedCaseId, r.verifiedDate])).toEqual([
      [again.id, c.id, '2026-11-23'],
    ]);
    expect(failure(() => getCaseWorkStats(f.ctx('clerk'), {})).code).toBe('FORBIDDEN');
  });
});

describe('customer history', () => {
  it('finds every case of the complainant by ID, phone or account, newest first', () => {
    const second = registerCase(
      f.ctx('clerk'),
      registration({ accountNumber: '999', request: '第二次投诉' }),
    );
    const other = registerCase(
      f.ctx('clerk'),
      registration({ complainant: { idNumber: null, phone: '13900000000' }, accountNumber: '1' }),
    );
    const history = customerHistoryOfCase(f.ctx('clerk'), c.id);
    expect(history.total).toBe(1);
    expect(history.entries[0]).toMatchObject({ caseId: second.id, matchedBy: ['id_number', 'phone'] });
    // Typed with spaces and a lower-case x, as a clerk might.
    const typed = customerHistory(f.ctx('clerk'), { idNumber: '110105 19491231002x' });
    expect(typed.entries.map((e) => e.caseId)).toEqual([second.id, c.id]);
    expect(customerHistory(f.ctx('clerk'), { phone: '139 0000 0000' }).entries[0]?.caseId).toBe(other.id);
    expect(customerHistory(f.ctx('clerk', 'SH01'), { phone: '13900000000' }).total).toBe(0);
    expect(customerHistory(f.ctx('clerk'), {}).total).toBe(0);
  });
});
