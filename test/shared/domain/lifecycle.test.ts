import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '../../../db/schema';
import {
  availableActions,
  planTransition,
  TRANSITION_ACTIONS,
  type LifecycleCase,
  type TransitionInput,
  type TransitionPlan,
} from '../../../shared/domain/lifecycle';
import type { Role } from '../../../shared/domain/roles';
import { makeCase, TODAY, validInput } from './lifecycle-fixtures';

const plan = (c: LifecycleCase, input: TransitionInput, role: Role = 'supervisor'): TransitionPlan =>
  planTransition(c, input, { userId: 'u1', role }, TODAY);

const failureOf = (p: TransitionPlan) => (p.ok ? 'ok' : p.code);

describe('planTransition', () => {
  it('walks the main line and records the decision date when the customer is informed', () => {
    let c = makeCase();
    const steps: TransitionInput['action'][] = [
      'accept',
      'assign',
      'start_investigation',
      'propose_resolution',
      'inform_customer',
      'record_follow_up',
      'close',
      'archive',
    ];
    const statuses: string[] = [];
    for (const action of steps) {
      const p = plan(c, validInput(action, c, TODAY));
      if (!p.ok) throw new Error(`${action} failed: ${p.code}`);
      c = { ...c, ...(p.changes as Partial<LifecycleCase>), status: p.to };
      statuses.push(p.to);
      if (action === 'inform_customer')
        expect(p.changes).toMatchObject({ informedDate: TODAY, decidedDate: TODAY });
    }
    expect(statuses).toEqual([
      'accepted',
      'accepted',
      'investigating',
      'resolution_proposed',
      'customer_informed',
      'follow_up',
      'closed',
      'archived',
    ]);
  });

  it('makes an archived case read-only except for annotations', () => {
    const c = makeCase({ status: 'archived' });
    for (const action of TRANSITION_ACTIONS.filter((a) => a !== 'annotate')) {
      expect(failureOf(plan(c, validInput(action, c, TODAY), 'admin')), action).toBe('CASE_READ_ONLY');
    }
    expect(plan(c, { action: 'annotate', text: '移交档案室' }, 'handler')).toMatchObject({
      ok: true,
      to: 'archived',
    });
    // Annotating is a change: it needs a handling role (issue 13 item 9).
    expect(failureOf(plan(c, { action: 'annotate', text: '移交档案室' }, 'analyst'))).toBe('FORBIDDEN');
    expect(availableActions(c, 'admin')).toEqual(['annotate']);
  });

  it('lets a merged case only be archived or annotated', () => {
    const c = makeCase({ status: 'merged' });
    expect(availableActions(c, 'admin')).toEqual(['archive', 'annotate']);
    expect(failureOf(plan(c, validInput('reopen', c, TODAY)))).toBe('ILLEGAL_TRANSITION');
  });

  it('checks the role: a clerk may not accept, a handler may not assign or merge', () => {
    const c = makeCase();
    expect(failureOf(plan(c, { action: 'accept' }, 'clerk'))).toBe('FORBIDDEN');
    expect(failureOf(plan(makeCase({ status: 'accepted' }), validInput('assign', c, TODAY), 'handler'))).toBe(
      'FORBIDDEN',
    );
    expect(failureOf(plan(c, validInput('merge', c, TODAY), 'handler'))).toBe('FORBIDDEN');
  });

  it('requires a reason to reject and a 回避 declaration to assign', () => {
    expect(plan(makeCase(), { action: 'reject', reason: '   ' })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fields: { reason: 'validation.required' },
    });
    const start = plan(makeCase({ status: 'accepted', handlerUserId: 'u2' }), {
      action: 'start_investigation',
      conflictDeclaration: '',
    });
    expect(start).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fields: { conflictDeclaration: expect.any(String) },
    });
  });

  it('needs a handler before investigation starts', () => {
    const p = plan(
      makeCase({ status: 'accepted' }),
      { action: 'start_investigation', conflictDeclaration: '无利害关系' },
      'handler',
    );
    expect(p).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fields: { handlerUserId: 'lifecycle.validation.handlerRequired' },
    });
  });

  it('extends 15 → 30 → 60 only, 60 only with the customer informed', () => {
    const extend = (limitDays: 15 | 30 | 60, toDays: 30 | 60, customerInformed = true) =>
      plan(makeCase({ status: 'investigating', handlerUserId: 'u2', limitDays }), {
        action: 'extend',
        toDays,
        reason: '复杂',
        customerInformed,
      });
    expect(extend(15, 30)).toMatchObject({ ok: true, changes: { limitDays: 30 } });
    expect(extend(15, 60)).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fields: { toDays: expect.any(String) },
    });
    expect(extend(30, 60, false)).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fields: { customerInformed: expect.any(String) },
    });
    expect(extend(30, 60)).toMatchObject({ ok: true, changes: { limitDays: 60 } });
    expect(failureOf(extend(60, 60))).toBe('ILLEGAL_TRANSITION');
    const decided = makeCase({ status: 'customer_informed', informedDate: TODAY });
    expect(failureOf(plan(decided, validInput('extend', decided, TODAY)))).toBe('ILLEGAL_TRANSITION');
  });

  it('wants a substantive decision notice and an amount for refunds', () => {
    const c = makeCase({ status: 'investigating', handlerUserId: 'u2' });
    const base = validInput('propose_resolution', c, TODAY);
    expect(plan(c, { ...base, decisionNotice: '已退款。' } as TransitionInput)).toMatchObject({
      ok: false,
      fields: { decisionNotice: 'lifecycle.validation.decisionNoticeTooShort' },
    });
    expect(plan(c, { ...base, resolutionAmountFen: undefined } as TransitionInput)).toMatchObject({
      ok: false,
      fields: { resolutionAmountFen: 'lifecycle.validation.amountRequired' },
    });
    expect(
      plan(c, { ...base, resolutionType: 'explanation', resolutionAmountFen: undefined } as TransitionInput),
    ).toMatchObject({ ok: true, changes: { resolutionAmountFen: null } });
  });

  it('refuses dates in the future or before receipt', () => {
    const c = makeCase({ status: 'resolution_proposed', handlerUserId: 'u2' });
    expect(plan(c, { action: 'inform_customer', informedDate: '2026-11-24' })).toMatchObject({
      ok: false,
      fields: { informedDate: expect.any(String) },
    });
    expect(plan(c, { action: 'inform_customer', informedDate: '2026-11-09' })).toMatchObject({
      ok: false,
      fields: { informedDate: expect.any(String) },
    });
    expect(plan(c, { action: 'inform_customer', informedDate: '2026-02-30' })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
    });
  });

  it('pauses once, and resuming adds the paused days; leaving the open statuses ends a pause', () => {
    const running = makeCase({ status: 'investigating', handlerUserId: 'u2' });
    expect(plan(running, { action: 'pause_clock', reason: '待补材料', date: '2026-11-15' })).toMatchObject({
      ok: true,
      changes: { pausedSince: '2026-11-15' },
    });
    const paused = { ...running, pausedSince: '2026-11-15', pausedDays: 2 };
    expect(failureOf(plan(paused, { action: 'pause_clock', reason: '再次' }))).toBe('ILLEGAL_TRANSITION');
    expect(plan(paused, { action: 'resume_clock' })).toMatchObject({
      ok: true,
      changes: { pausedSince: null, pausedDays: 10 },
    });
    expect(plan(paused, { action: 'resume_clock', date: '2026-11-14' })).toMatchObject({
      ok: false,
      fields: { date: expect.any(String) },
    });
    expect(failureOf(plan(running, { action: 'resume_clock' }))).toBe('ILLEGAL_TRANSITION');
    expect(plan(paused, { action: 'withdraw', reason: '客户撤诉' }, 'handler')).toMatchObject({
      ok: true,
      changes: { pausedSince: null, pausedDays: 10, closedDate: TODAY },
    });
  });

  it('closes a customer_informed case only when satisfaction is already recorded', () => {
    const informed = makeCase({ status: 'customer_informed', informedDate: '2026-11-20' });
    expect(plan(informed, { action: 'close' })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fields: { satisfaction: expect.any(String) },
    });
    expect(plan({ ...informed, satisfaction: 'satisfied' }, { action: 'close' })).toMatchObject({
      ok: true,
      to: 'closed',
      changes: { closedDate: TODAY },
    });
  });

  it('accepts a review request only within 30 days of the decision', () => {
    const closed = makeCase({ status: 'closed', informedDate: '2026-10-24', satisfaction: 'dissatisfied' });
    expect(plan(closed, { action: 'request_review', requestedDate: '2026-11-23' }, 'handler')).toMatchObject({
      ok: true,
      to: 'review_requested',
      changes: { reviewRequestedDate: '2026-11-23', closedDate: null },
    });
    const late = { ...closed, informedDate: '2026-10-23' };
    expect(plan(late, { action: 'request_review', requestedDate: '2026-11-23' }, 'handler')).toMatchObject({
      ok: false,
      fields: { requestedDate: expect.any(String) },
    });
    expect(availableActions(late, 'handler', TODAY)).not.toContain('request_review');
  });

  it('reopens rejected and reviewed cases, which then behave like accepted ones', () => {
    const p = plan(makeCase({ status: 'rejected' }), { action: 'reopen', reason: '客户补充证据' });
    expect(p).toMatchObject({ ok: true, to: 'reopened' });
    const reopened = makeCase({ status: 'reopened', handlerUserId: 'u2' });
    expect(
      plan(reopened, { action: 'start_investigation', conflictDeclaration: '无利害关系' }, 'handler'),
    ).toMatchObject({
      ok: true,
      to: 'investigating',
    });
  });

  it('sets only fields that are columns of the cases table', () => {
    const columns = Object.keys(getTableColumns(cases));
    const samples: [LifecycleCase, TransitionInput['action']][] = [
      [makeCase(), 'reject'],
      [makeCase({ status: 'accepted' }), 'assign'],
      [makeCase({ status: 'investigating', handlerUserId: 'u', pausedSince: '2026-11-11' }), 'merge'],
      [makeCase({ status: 'investigating', handlerUserId: 'u' }), 'propose_resolution'],
      [makeCase({ status: 'resolution_proposed', pausedSince: '2026-11-11' }), 'inform_customer'],
      [makeCase({ status: 'customer_informed', informedDate: TODAY }), 'record_follow_up'],
      [makeCase({ status: 'follow_up', satisfaction: 'satisfied' }), 'close'],
      [makeCase({ status: 'investigating' }), 'escalate'],
      [makeCase({ status: 'investigating' }), 'extend'],
    ];
    for (const [c, action] of samples) {
      const p = plan(c, validInput(action, c, TODAY), 'admin');
      if (!p.ok) throw new Error(`${action} failed: ${p.code}`);
      for (const key of Object.keys(p.changes)) expect(columns, `${action} sets ${key}`).toContain(key);
    }
  });
});
