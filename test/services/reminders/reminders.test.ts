import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectificationActions } from '../../../db/schema';
import { listReminders } from '../../../main/services/reminders/reminders.service';
import { updateSettings } from '../../../main/services/reference/settings.service';
import type { ReminderKind } from '../../../shared/domain/reminders';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';
import { insertCases } from '../../helpers/case-rows';

/**
 * Reminders (issue 17 item 9) on a real archive. Today in the fixture is 2026-11-23; "due soon"
 * is 3 days (to 2026-11-26); a follow-up is due 7 days after the customer was informed.
 */
let f: ArchiveFixture;
const ids: Record<string, string> = {};
const HANDLER = userIdFor('handler');
const OTHER_HANDLER = userIdFor('supervisor');

beforeAll(() => {
  f = createArchiveFixture();
  const mine = { handlerUserId: HANDLER, status: 'investigating' as const };
  const [overdue, soon, later, paused, reopened, informedLong, informedRecent, assigned, others, shanghai] =
    insertCases(f.db, [
      { receivedDate: '2026-11-01', dueDate: '2026-11-16', ...mine },
      { receivedDate: '2026-11-10', dueDate: '2026-11-25', ...mine },
      { receivedDate: '2026-11-20', dueDate: '2026-12-05', ...mine },
      { receivedDate: '2026-11-01', dueDate: '2026-11-16', ...mine, pausedSince: '2026-11-10' },
      {
        receivedDate: '2026-10-01',
        dueDate: '2026-10-16',
        ...mine,
        status: 'reopened',
        decidedDate: '2026-10-20',
      },
      {
        receivedDate: '2026-10-20',
        ...mine,
        status: 'customer_informed',
        decidedDate: '2026-11-10',
        informedDate: '2026-11-12',
      },
      {
        receivedDate: '2026-11-01',
        ...mine,
        status: 'customer_informed',
        decidedDate: '2026-11-20',
        informedDate: '2026-11-21',
      },
      { receivedDate: '2026-11-22', status: 'accepted', handlerUserId: HANDLER },
      {
        receivedDate: '2026-11-02',
        dueDate: '2026-11-17',
        status: 'investigating',
        handlerUserId: OTHER_HANDLER,
      },
      { receivedDate: '2026-11-01', dueDate: '2026-11-16', status: 'investigating', branchCode: 'SH01' },
    ]);
  Object.assign(ids, {
    overdue,
    soon,
    later,
    paused,
    reopened,
    informedLong,
    informedRecent,
    assigned,
    others,
    shanghai,
  });
  const action = (
    id: string,
    caseId: string,
    dueDate: string,
    status: 'planned' | 'in_progress' | 'done',
  ) => ({
    id,
    caseId,
    what: `整改 ${id}`,
    department: '个金部',
    owner: '李四',
    dueDate,
    status,
    createdBy: HANDLER,
    createdAt: 0,
    updatedAt: 0,
  });
  f.db
    .insert(rectificationActions)
    .values([
      action('act-late', informedLong!, '2026-11-20', 'in_progress'),
      action('act-soon', informedLong!, '2026-11-24', 'planned'),
      action('act-done', informedLong!, '2026-11-01', 'done'),
      action('act-far', informedLong!, '2026-12-20', 'planned'),
    ])
    .run();
});
afterAll(() => f.close());

function byKind(role: 'handler' | 'supervisor' | 'clerk' | 'analyst') {
  const list = listReminders(f.ctx(role));
  const kinds: Partial<Record<ReminderKind, string[]>> = {};
  for (const item of list.items) (kinds[item.kind] ??= []).push(item.key);
  return { list, kinds };
}
const caseKeys = (kind: ReminderKind, ...keys: string[]) => keys.map((k) => `${kind}:${ids[k]}`);

describe('reminders', () => {
  it('a handler is reminded of their own cases: deadlines, follow-ups, rectification actions, new assignments', () => {
    const { list, kinds } = byKind('handler');
    expect(kinds.deadline_overdue).toEqual(caseKeys('deadline_overdue', 'overdue'));
    expect(kinds.deadline_soon).toEqual(caseKeys('deadline_soon', 'soon'));
    expect(kinds.follow_up_due).toEqual(caseKeys('follow_up_due', 'informedLong'));
    expect(kinds.rectification_overdue).toEqual(['rectification_overdue:act-late']);
    expect(kinds.rectification_due).toEqual(['rectification_due:act-soon']);
    expect(kinds.assigned).toEqual(caseKeys('assigned', 'assigned'));
    expect(list.total).toBe(6);
    expect(list.counts).toMatchObject({ deadline_overdue: 1, follow_up_due: 1, assigned: 1 });
    const action = list.items.find((i) => i.kind === 'rectification_overdue')!;
    expect(action).toMatchObject({ caseId: ids.informedLong, date: '2026-11-20', detail: '整改 act-late' });
  });

  it('a paused clock and a decided (reopened) case are not deadline reminders', () => {
    const keys = byKind('handler').list.items.map((i) => i.key);
    expect(keys.filter((k) => k.includes(ids.paused!) || k.includes(ids.reopened!))).toEqual([]);
  });

  it("a supervisor watches every handler's cases of the branch, not other branches", () => {
    const { kinds } = byKind('supervisor');
    expect(kinds.deadline_overdue).toEqual(caseKeys('deadline_overdue', 'overdue', 'others'));
    expect(kinds.assigned).toBeUndefined();
  });

  it('clerks and analysts handle no case and get no reminders', () => {
    expect(byKind('clerk').list).toEqual({ counts: expect.any(Object), total: 0, items: [] });
    expect(byKind('analyst').list.total).toBe(0);
  });

  it('the follow-up window is a setting', () => {
    updateSettings(f.ctx('admin'), { followUpDays: 1 });
    expect(byKind('handler').kinds.follow_up_due).toEqual(
      caseKeys('follow_up_due', 'informedLong', 'informedRecent'),
    );
    updateSettings(f.ctx('admin'), { followUpDays: 7 });
  });
});
