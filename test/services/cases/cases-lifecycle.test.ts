import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  annotateCase,
  getCase,
  getCaseHistory,
  mergeCase,
  registerCase,
  transitionCase,
  updateCase,
} from '../../../main/services/cases';
import { decideBorrow, requestBorrow } from '../../../main/services/borrowing/borrowing.service';
import type { CaseRecord } from '../../../shared/domain/case';
import { AppError } from '../../../shared/errors';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

let f: ArchiveFixture;
let registered: CaseRecord;
beforeEach(() => {
  f = createArchiveFixture();
  registered = registerCase(f.ctx('clerk'), registration());
});
afterEach(() => f.close());

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

function snapshot(caseId: string) {
  const row = f.db.$client.prepare('SELECT * FROM cases WHERE id = ?').get(caseId);
  const events = f.db.$client.prepare('SELECT id, hash FROM history_events ORDER BY seq').all();
  return { row, events };
}

describe('transitionCase', () => {
  it('refuses to assign someone who cannot handle the case, and changes nothing', () => {
    const sup = f.ctx('supervisor');
    const accepted = transitionCase(sup, registered.id, registered.version, { action: 'accept' });
    const before = snapshot(registered.id);
    for (const handlerUserId of ['no-such-user', userIdFor('clerk'), userIdFor('handler', 'SH01')]) {
      let fields: Record<string, string> | undefined;
      try {
        transitionCase(sup, registered.id, accepted.record.version, {
          action: 'assign',
          handlerUserId,
        });
      } catch (error) {
        fields = error instanceof AppError && error.code === 'VALIDATION' ? error.fields : undefined;
      }
      expect(fields).toEqual({ handlerUserId: 'cases.validation.handlerNotEligible' });
    }
    expect(snapshot(registered.id)).toEqual(before);
  });

  it('lets a supervisor accept but not a clerk, and bumps the version', () => {
    expect(errorCode(() => transitionCase(f.ctx('clerk'), registered.id, 1, { action: 'accept' }))).toBe(
      'FORBIDDEN',
    );
    const accepted = transitionCase(f.ctx('supervisor'), registered.id, 1, { action: 'accept' });
    expect(accepted.record.status).toBe('accepted');
    expect(accepted.record.version).toBe(2);
    const last = getCaseHistory(f.ctx('supervisor'), registered.id).at(-1);
    expect(last).toMatchObject({ type: 'case.accepted', actorName: 'supervisor BJ01' });
    expect(last?.payload).toMatchObject({
      from: 'registered',
      to: 'accepted',
      changes: { status: { before: 'registered', after: 'accepted' } },
    });
  });

  it('refuses a stale version with CONFLICT', () => {
    transitionCase(f.ctx('supervisor'), registered.id, 1, { action: 'accept' });
    const before = snapshot(registered.id);
    expect(
      errorCode(() =>
        transitionCase(f.ctx('supervisor'), registered.id, 1, { action: 'reject', reason: '重复' }),
      ),
    ).toBe('CONFLICT');
    expect(snapshot(registered.id)).toEqual(before);
  });

  it('changes nothing when an action fails (row and history untouched)', () => {
    const before = snapshot(registered.id);
    expect(errorCode(() => transitionCase(f.ctx('supervisor'), registered.id, 1, { action: 'close' }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(
      errorCode(() =>
        transitionCase(f.ctx('supervisor'), registered.id, 1, { action: 'reject', reason: '' }),
      ),
    ).toBe('VALIDATION');
    expect(snapshot(registered.id)).toEqual(before);
  });

  it('moves the due date on extension and pause, and records whether the decision was on time', () => {
    const sup = f.ctx('supervisor');
    let detail = transitionCase(sup, registered.id, 1, { action: 'accept' });
    detail = transitionCase(sup, registered.id, detail.record.version, {
      action: 'extend',
      toDays: 30,
      reason: '案情复杂，需调取录音',
      customerInformed: true,
    });
    expect(detail.record.deadline).toMatchObject({ limitDays: 30, dueDate: '2026-12-23' });
    detail = transitionCase(sup, registered.id, detail.record.version, {
      action: 'pause_clock',
      reason: '等待客户补充材料',
    });
    f.clock.advanceDays(4);
    detail = transitionCase(sup, registered.id, detail.record.version, { action: 'resume_clock' });
    expect(detail.record.deadline).toMatchObject({ pausedDays: 4, dueDate: '2026-12-27', pausedSince: null });
    detail = transitionCase(sup, registered.id, detail.record.version, {
      action: 'assign',
      handlerUserId: 'user-handler-BJ01',
    });
    expect(detail.handlerName).toBe('handler BJ01');
    // 回避 is the handler's own: the supervisor who assigned cannot declare it for them.
    expect(() =>
      transitionCase(sup, registered.id, detail.record.version, {
        action: 'start_investigation',
        conflictDeclaration: '本人与该案无利害关系',
      }),
    ).toThrow(
      expect.objectContaining({
        fields: { conflictDeclaration: 'lifecycle.validation.declarationByHandler' },
      }),
    );
    const handler = f.ctx('handler');
    detail = transitionCase(handler, registered.id, detail.record.version, {
      action: 'start_investigation',
      conflictDeclaration: '本人与该案无利害关系',
    });
    expect(detail.record.handling.conflictDeclaration).toBe('本人与该案无利害关系');
    detail = transitionCase(handler, registered.id, detail.record.version, {
      action: 'propose_resolution',
      resolutionType: 'refund',
      resolutionAmountFen: 60_000,
      decisionNotice:
        '经核查通话录音与系统记录，年费扣收未经客户同意，依据合同第五条予以退还；如有异议可申请核查、调解、仲裁或诉讼。',
    });
    detail = transitionCase(handler, registered.id, detail.record.version, {
      action: 'inform_customer',
      informedDate: '2026-11-27',
    });
    expect(detail.record.deadline.decidedDate).toBe('2026-11-27');
    expect(detail.deadlineInfo).toMatchObject({ isOnTime: true, daysLeft: null, isOverdue: false });
  });
});

describe('archived and merged cases', () => {
  function archive(caseId: string): number {
    const sup = f.ctx('supervisor');
    const rejected = transitionCase(sup, caseId, 1, { action: 'reject', reason: '不属于受理范围' });
    return transitionCase(sup, caseId, rejected.record.version, { action: 'archive' }).record.version;
  }

  it('refuses edits and transitions on an archived case but accepts an annotation', () => {
    const version = archive(registered.id);
    const before = snapshot(registered.id);
    expect(
      errorCode(() => updateCase(f.ctx('supervisor'), registered.id, version, { request: '改动' })),
    ).toBe('CASE_READ_ONLY');
    expect(
      errorCode(() =>
        transitionCase(f.ctx('supervisor'), registered.id, version, { action: 'reopen', reason: '复核' }),
      ),
    ).toBe('CASE_READ_ONLY');
    expect(snapshot(registered.id)).toEqual(before);
    // Handlers and clerks read an archived case on an approved loan (issue 16 part 3).
    for (const role of ['handler', 'clerk'] as const) {
      const asked = requestBorrow(f.ctx(role), { caseId: registered.id, reason: '客户来电', days: 1 });
      decideBorrow(f.ctx('supervisor'), { id: asked.id, isApproved: true });
    }
    annotateCase(f.ctx('handler'), registered.id, '客户来电询问结果，已告知');
    const history = getCaseHistory(f.ctx('clerk'), registered.id);
    expect(history.at(-1)).toMatchObject({
      type: 'case.annotated',
      payload: { text: '客户来电询问结果，已告知' },
    });
    expect(getCase(f.ctx('handler'), registered.id).availableActions).toEqual(['annotate']);
    // A note is a change: a clerk (no handling role) is offered nothing on an archived case.
    expect(getCase(f.ctx('clerk'), registered.id).availableActions).toEqual([]);
  });

  it('merges a repeat into the open case: both keep history, the source points to the survivor', () => {
    const repeat = registerCase(f.ctx('clerk'), registration({ request: '再次投诉：年费仍未退还' }));
    expect(
      errorCode(() =>
        mergeCase(f.ctx('clerk'), { sourceCaseId: repeat.id, survivorCaseId: registered.id, reason: '重复' }),
      ),
    ).toBe('FORBIDDEN');
    const merged = mergeCase(f.ctx('supervisor'), {
      sourceCaseId: repeat.id,
      survivorCaseId: registered.id,
      reason: '同一事项重复投诉',
    });
    expect(merged.record.status).toBe('merged');
    expect(merged.record.mergedIntoCaseId).toBe(registered.id);
    expect(merged.mergedIntoCaseNo).toBe(registered.caseNo);
    expect(getCaseHistory(f.ctx('clerk'), repeat.id).map((e) => e.type)).toEqual([
      'case.registered',
      'case.merged',
    ]);
    expect(getCaseHistory(f.ctx('clerk'), registered.id).map((e) => e.type)).toEqual([
      'case.registered',
      'case.merge_received',
    ]);
    expect(
      errorCode(() => updateCase(f.ctx('clerk'), repeat.id, merged.record.version, { request: '改' })),
    ).toBe('CASE_READ_ONLY');
  });
});

describe('updateCase', () => {
  it('records the changed fields and keeps a masked identifier sent back by a clerk form', () => {
    const clerk = f.ctx('clerk');
    const seen = getCase(clerk, registered.id).record;
    const updated = updateCase(
      clerk,
      registered.id,
      1,
      { complainant: { ...seen.complainant, name: '张叁' }, priority: 'major' },
      '更正姓名',
    );
    expect(updated.record.version).toBe(2);
    const full = getCase(f.ctx('handler'), registered.id).record;
    expect(full.complainant.name).toBe('张叁');
    expect(full.complainant.idNumber).toBe(registered.complainant.idNumber);
    expect(full.complainant.phone).toBe(registered.complainant.phone);
    const event = getCaseHistory(f.ctx('handler'), registered.id).at(-1);
    expect(event?.type).toBe('case.edited');
    expect(event?.payload).toEqual({
      changes: {
        complainantName: { before: '张三', after: '张叁' },
        priority: { before: 'ordinary', after: 'major' },
      },
      reason: '更正姓名',
      set: { complainantName: '张叁', priority: 'major' },
    });
    expect(errorCode(() => updateCase(clerk, registered.id, 1, { priority: 'urgent' }))).toBe('CONFLICT');
    // The registration event carries the identifiers: masked for the clerk, plain for the handler.
    const clerkView = JSON.stringify(getCaseHistory(clerk, registered.id)[0]?.payload);
    expect(clerkView).not.toContain(registered.complainant.phone!);
    expect(clerkView).not.toContain(registered.complainant.idNumber!);
    expect(JSON.stringify(getCaseHistory(f.ctx('handler'), registered.id)[0]?.payload)).toContain(
      registered.complainant.phone!,
    );
  });
});
