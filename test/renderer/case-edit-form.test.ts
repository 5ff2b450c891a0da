import { describe, expect, test } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import type { CaseHistoryEntry } from '../../shared/domain/case-detail';
import type { CaseListRow } from '../../shared/domain/case-query';
import { casePatchSchema } from '../../shared/ipc/channels/cases';
import { recordToForm, toCasePatch } from '../../renderer/features/case-detail/case-edit-form';
import { clockEvents } from '../../renderer/features/case-detail/clock-history';
import { normaliseCaseNo, pickSurvivor } from '../../renderer/features/case-detail/merge-target';
import { toRegistration, type RegistrationForm } from '../../renderer/features/register/registration-form';

const messages = { required: 'REQUIRED', amount: 'AMOUNT', describe: (key: string) => key };
const ZONE = 'Asia/Shanghai';
const clock = { now: Date.parse('2026-11-23T12:00:00Z'), timeZone: ZONE };

/** A registered case as `cases:get` returns it; received at 09:30:41 Shanghai time. */
function record(): CaseRecord {
  return {
    id: 'case-1',
    caseNo: 'BJ01-T1-20261123-0001',
    branchCode: 'BJ01',
    status: 'accepted',
    registeredBy: 'u1',
    receivedAt: Date.parse('2026-11-23T09:30:41+08:00'),
    complainant: {
      kind: 'person',
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      address: null,
      creditCode: null,
      legalRepresentative: null,
      agentName: '李律师',
      agentPhone: null,
      agentAuthorisation: '授权书 2026-11-20',
      isElderly: true,
      isDisabled: false,
      isGroup: false,
      groupRepresentatives: [],
    },
    respondent: {},
    request: 'ATM吞卡后未及时退还',
    facts: '',
    grounds: '',
    productName: '借记卡',
    accountNumber: null,
    amountFen: 20050,
    classification: {
      channelCode: 'A0101',
      businessCode: 'B03',
      causeCode: 'C01',
      insuranceLine: null,
      tags: ['柜面'],
    },
    priority: 'ordinary',
    risk: { mediaExposure: false, regulatorTransferred: false, repeatComplaint: false },
    handling: {},
    deadline: { limitDays: 15, receivedDate: '2026-11-23', dueDate: '2026-12-08', pausedDays: 0 },
    version: 3,
    createdAt: 0,
    updatedAt: 0,
  };
}

function patchOf(edit: (form: RegistrationForm) => RegistrationForm) {
  const converted = toRegistration(edit(recordToForm(record(), ZONE)), messages, clock);
  if (!converted.ok) throw new Error(`form invalid: ${JSON.stringify(converted.errors)}`);
  return toCasePatch(record(), converted.registration, ZONE);
}

describe('correcting a case with the registration form', () => {
  test('the case fills the form: minutes on the branch clock, yuan without ¥, blanks as empty text', () => {
    const form = recordToForm(record(), ZONE);
    expect(form).toMatchObject({
      receivedAt: '2026-11-23T09:30',
      name: '张三',
      phone: '13800138000',
      amount: '200.50',
      accountNumber: '',
      address: '',
      isElderly: true,
      channelCode: 'A0101',
    });
  });

  test('an untouched form is no change at all (seconds of the receipt time included)', () => {
    expect(patchOf((f) => f)).toEqual({});
  });

  test('a changed request is the only key sent', () => {
    expect(patchOf((f) => ({ ...f, request: '要求赔偿交通费' }))).toEqual({ request: '要求赔偿交通费' });
  });

  test('a changed phone sends the whole complainant, keeping what the form does not show', () => {
    const patch = patchOf((f) => ({ ...f, phone: '13900139000' }));
    expect(Object.keys(patch)).toEqual(['complainant']);
    expect(patch.complainant).toMatchObject({
      phone: '13900139000',
      name: '张三',
      idNumber: '11010519491231002X',
      agentAuthorisation: '授权书 2026-11-20',
      isElderly: true,
    });
    expect(casePatchSchema.safeParse(patch).success).toBe(true);
  });

  test('amount, received time and a class: each becomes its own key; tags survive a class change', () => {
    const patch = patchOf((f) => ({ ...f, amount: '', receivedAt: '2026-11-23T10:00', causeCode: 'C02' }));
    expect(patch).toEqual({
      amountFen: null,
      receivedAt: Date.parse('2026-11-23T10:00:00+08:00'),
      classification: {
        channelCode: 'A0101',
        businessCode: 'B03',
        causeCode: 'C02',
        insuranceCategoryCode: null,
        insuranceLine: null,
        tags: ['柜面'],
      },
    });
  });

  test('risk flags and priority are sent when changed', () => {
    expect(patchOf((f) => ({ ...f, mediaExposure: true, priority: 'urgent' }))).toEqual({
      priority: 'urgent',
      risk: { mediaExposure: true, regulatorTransferred: false, repeatComplaint: false },
    });
  });
});

function row(id: string, caseNo: string): CaseListRow {
  return { id, caseNo } as CaseListRow;
}

describe('merge target', () => {
  test('a typed number is normalised: spaces, case, full-width dashes', () => {
    expect(normaliseCaseNo(' bj01－t1-20261123-0002 ')).toBe('BJ01-T1-20261123-0002');
  });

  test('only the exact case number counts, and never the case itself', () => {
    const rows = [
      row('a', 'BJ01-T1-20261123-0012'),
      row('b', 'BJ01-T1-20261123-0002'),
      row('self', 'BJ01-T1-20261123-0001'),
    ];
    expect(pickSurvivor(rows, 'bj01-t1-20261123-0002', 'self')?.id).toBe('b');
    expect(pickSurvivor(rows, 'BJ01-T1-20261123-000', 'self')).toBeNull();
    expect(pickSurvivor(rows, 'BJ01-T1-20261123-0001', 'self')).toBeNull();
  });
});

let seq = 0;
function entry(
  type: string,
  payload: unknown,
  at = Date.parse('2026-11-25T10:00:00+08:00'),
): CaseHistoryEntry {
  seq += 1;
  return { id: `e${seq}`, type, at, actorUserId: 'u1', actorName: '王管理', payload };
}

describe('clock history', () => {
  test('extensions, pauses and resumes, with reasons, new limits and dates; other events left out', () => {
    const events = clockEvents([
      entry('case.accepted', { input: { action: 'accept' } }),
      entry('case.clock_paused', {
        input: { action: 'pause_clock', reason: '等待客户补充材料', date: '2026-11-24' },
      }),
      entry('case.clock_resumed', { input: { action: 'resume_clock' } }, Date.parse('2026-11-27T16:00:00Z')),
      entry('case.extended', {
        input: { action: 'extend', toDays: 30, reason: '案情复杂' },
        changes: {
          limitDays: { before: 15, after: 30 },
          dueDate: { before: '2026-12-08', after: '2026-12-23' },
        },
      }),
    ]);
    expect(events.map((e) => e.kind)).toEqual(['paused', 'resumed', 'extended']);
    expect(events[0]).toMatchObject({ date: '2026-11-24', reason: '等待客户补充材料' });
    expect(events[1]).toMatchObject({ date: '2026-11-28' }); // 16:00 UTC is the next day in Beijing
    expect(events[2]).toMatchObject({ toDays: 30, dueDate: '2026-12-23', reason: '案情复杂' });
  });

  test('a payload without input still yields the event with its day', () => {
    expect(clockEvents([entry('case.extended', null)])).toEqual([
      {
        id: expect.any(String),
        kind: 'extended',
        date: '2026-11-25',
        reason: '',
        toDays: null,
        dueDate: null,
      },
    ]);
  });
});
