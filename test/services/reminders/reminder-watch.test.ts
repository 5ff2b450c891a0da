import { describe, expect, it } from 'vitest';
import { startReminderWatch, type ReminderSnapshot } from '../../../main/services/reminders/reminder-watch';
import { digestNotification, freshNotification } from '../../../main/services/reminders/reminder-words';
import { emptyCounts, type Reminder, type ReminderList } from '../../../shared/domain/reminders';

/** The desktop notifications' logic (the Electron shell only shows what this decides), on fake timers. */
function item(kind: Reminder['kind'], caseNo: string): Reminder {
  return { key: `${kind}:${caseNo}`, kind, caseId: caseNo, caseNo, date: '2026-11-25', detail: null };
}
function listOf(...items: Reminder[]): ReminderList {
  const counts = emptyCounts();
  for (const i of items) counts[i.kind] += 1;
  return { counts, total: items.length, items };
}

function harness() {
  let snapshot: ReminderSnapshot | null = null;
  let tick: (() => void) | null = null;
  const shown: { title: string; body: string }[] = [];
  const watch = startReminderWatch({
    read: () => {
      if (snapshot === undefined) throw new Error('locked mid-read');
      return snapshot;
    },
    notify: (text) => shown.push(text),
    locale: () => 'zh-CN',
    timers: {
      setTimeout: (callback) => {
        tick = callback;
        return 1;
      },
      clearTimeout: () => {
        tick = null;
      },
    },
  });
  return {
    shown,
    watch,
    set: (next: ReminderSnapshot | null | undefined) => {
      snapshot = next as ReminderSnapshot | null;
    },
    tick: () => tick?.(),
  };
}

describe('reminder watch', () => {
  it('shows a digest at sign-in, then only what is new, and a digest again at the next sign-in', () => {
    const h = harness();
    expect(h.shown).toEqual([]); // nobody signed in at start
    const a = item('deadline_overdue', 'BJ01-T1-20261101-0001');
    const b = item('follow_up_due', 'BJ01-T1-20261020-0002');
    h.set({ sessionKey: 'u1#1', list: listOf(a, b) });
    h.watch.lookNow();
    expect(h.shown).toEqual([{ title: 'Redress：2 条提醒', body: '办理已逾期 1 件\n待回访 1 件' }]);
    h.tick();
    expect(h.shown).toHaveLength(1); // nothing new
    const c = item('assigned', 'BJ01-T1-20261122-0003');
    h.set({ sessionKey: 'u1#1', list: listOf(a, b, c) });
    h.tick();
    expect(h.shown[1]).toEqual({
      title: 'Redress：1 条新提醒',
      body: 'BJ01-T1-20261122-0003：分派给我待办理',
    });
    h.set(null); // locked
    h.tick();
    h.set({ sessionKey: 'u1#2', list: listOf(a, b, c) });
    h.tick();
    expect(h.shown[2]!.title).toBe('Redress：3 条提醒');
    expect(h.shown).toHaveLength(3);
  });

  it('says nothing at a sign-in with nothing pending, and skips a failed read', () => {
    const h = harness();
    h.set({ sessionKey: 'u1#1', list: listOf() });
    h.tick();
    h.set(undefined);
    h.tick();
    expect(h.shown).toEqual([]);
    h.watch.stop();
  });

  it('words the notifications in English and cuts a long list', () => {
    const many = Array.from({ length: 6 }, (_, i) => item('deadline_soon', `C${i}`));
    expect(digestNotification(listOf(...many), 'en')).toEqual({
      title: 'Redress: 6 reminders',
      body: 'Due soon: 6',
    });
    expect(freshNotification(many, 'en').body.split('\n')).toEqual([
      'C0: Due soon',
      'C1: Due soon',
      'C2: Due soon',
      'C3: Due soon',
      '… and 2 more',
    ]);
  });
});
