import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastCaseSequence } from '../../../db/repos/cases/case-numbers';
import { verifyChains } from '../../../db/repos/history.repo';
import { getCase, getCaseHistory, registerCase } from '../../../main/services/cases';
import { AppError } from '../../../shared/errors';
import { createArchiveFixture, NOW, type ArchiveFixture } from '../../helpers/archive-fixture';
import { DAY, registration, VALID_ID } from '../../helpers/case-inputs';

let f: ArchiveFixture;
beforeEach(() => {
  f = createArchiveFixture();
});
afterEach(() => f.close());

function caughtError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function tableCount(table: string): number {
  return f.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('registerCase', () => {
  it('numbers the case by branch, terminal and local date, starts a 15-day clock and records the event', () => {
    const clerk = f.ctx('clerk');
    const first = registerCase(clerk, registration());
    const second = registerCase(
      clerk,
      registration({ complainant: { name: '李四', idNumber: null, phone: '13900001111' } }),
    );
    expect(first.caseNo).toBe('BJ01-T1-20261123-0001');
    expect(second.caseNo).toBe('BJ01-T1-20261123-0002');
    expect(first.status).toBe('registered');
    expect(first.deadline).toMatchObject({
      receivedDate: '2026-11-23',
      dueDate: '2026-12-08',
      limitDays: 15,
    });
    expect(first.registeredBy).toBe('user-clerk-BJ01');
    expect(first.version).toBe(1);

    const detail = getCase(f.ctx('handler'), first.id);
    expect(detail.record.complainant.name).toBe('张三');
    expect(detail.record.complainant.idNumber).toBe(VALID_ID);
    expect(detail.deadlineInfo).toMatchObject({ daysLeft: 15, isOverdue: false, isDueSoon: false });
    expect(detail.registeredByName).toBe('clerk BJ01');

    const history = getCaseHistory(f.ctx('handler'), first.id);
    expect(history.map((e) => e.type)).toEqual(['case.registered']);
    expect(history[0]?.actorName).toBe('clerk BJ01');
    expect(verifyChains(f.db)).toEqual([]);
  });

  it('counts the received date on the branch calendar, not in UTC', () => {
    // 2026-11-22 16:30 UTC is already 00:30 on the 23rd in Beijing.
    const record = registerCase(f.ctx('clerk'), registration({ receivedAt: Date.UTC(2026, 10, 22, 16, 30) }));
    expect(record.deadline.receivedDate).toBe('2026-11-23');
    expect(record.caseNo.startsWith('BJ01-T1-20261123-')).toBe(true);
  });

  it('reports every invalid field at once and writes nothing', () => {
    const error = caughtError(() =>
      registerCase(
        f.ctx('clerk'),
        registration({
          receivedAt: NOW + 2 * DAY,
          complainant: { phone: '12345', idNumber: '110105194912310021' },
          classification: { businessCode: 'B09', causeCode: 'C77' },
        }),
      ),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({
      receivedAt: 'cases.validation.receivedInFuture',
      'complainant.phone': 'cases.validation.phoneInvalid',
      'complainant.idNumber': 'cases.validation.idNumberInvalid',
      'classification.businessCode': 'cases.validation.codeInactive',
      'classification.causeCode': 'cases.validation.codeInactive',
    });
    expect(tableCount('cases')).toBe(0);
    expect(tableCount('history_events')).toBe(0);
    expect(lastCaseSequence(f.db, 'BJ01-T1-20261123')).toBe(0);
  });

  it('maps shape errors to field keys', () => {
    const error = caughtError(() => registerCase(f.ctx('clerk'), registration({ request: '   ' })));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({ request: 'cases.validation.required' });
  });

  it('refuses a role without case:register', () => {
    expect(caughtError(() => registerCase(f.ctx('analyst'), registration())).code).toBe('FORBIDDEN');
    expect(tableCount('cases')).toBe(0);
  });

  it('flags a repeat complaint when the same ID or phone has a case within the window', () => {
    const clerk = f.ctx('clerk');
    const old = registerCase(clerk, registration({ receivedAt: NOW - 100 * DAY }));
    expect(old.risk.repeatComplaint).toBe(false);
    // 100 days later: outside the 90-day window.
    const second = registerCase(clerk, registration({ complainant: { idNumber: null } }));
    expect(second.risk.repeatComplaint).toBe(false);
    // Same phone, 1 day after the second: a repeat.
    const third = registerCase(clerk, registration({ complainant: { idNumber: null, name: '张三丰' } }));
    expect(third.risk.repeatComplaint).toBe(true);
    const stranger = registerCase(
      clerk,
      registration({ complainant: { idNumber: null, phone: '13700000000' } }),
    );
    expect(stranger.risk.repeatComplaint).toBe(false);
  });
});
