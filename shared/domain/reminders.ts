import { z } from 'zod';
import { isoDate } from './case';

/**
 * Reminders (提醒, issue 17 item 9): what needs someone's attention today. One list feeds the
 * top bar's notification centre, the digest shown at sign-in and the desktop notifications of the
 * Electron shell, so all three say the same thing.
 *
 * - deadline_overdue / deadline_soon: an open, undecided case with a running clock, past its due
 *   date or due within the "due soon" days (the same rule as the grid's overdue view).
 * - follow_up_due: the customer was informed at least `followUpDays` ago and no 回访 is recorded.
 * - rectification_overdue / rectification_due: a planned or in-progress rectification action past
 *   its due date or due within the "due soon" days.
 * - assigned: a case assigned to the user that they have not started investigating.
 */
export const REMINDER_KINDS = [
  'deadline_overdue',
  'rectification_overdue',
  'follow_up_due',
  'deadline_soon',
  'rectification_due',
  'assigned',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Items listed per kind; the counts are complete. */
export const REMINDER_ITEMS_PER_KIND = 20;

export const reminderSchema = z.object({
  /** Stable while the reminder stands: what a desktop notification remembers as shown. */
  key: z.string(),
  kind: z.enum(REMINDER_KINDS),
  caseId: z.string(),
  caseNo: z.string(),
  /** The date it is about: the due date, or the date the customer was informed. */
  date: isoDate,
  /** A rectification action's "what"; null for the others. */
  detail: z.string().nullable(),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const reminderListSchema = z.object({
  counts: z.record(z.enum(REMINDER_KINDS), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  /** The most pressing first: kinds in REMINDER_KINDS order, each by date. */
  items: z.array(reminderSchema),
});
export type ReminderList = z.infer<typeof reminderListSchema>;

export function reminderKey(kind: ReminderKind, id: string): string {
  return `${kind}:${id}`;
}

/** The reminders of `current` not yet in `seen` (what a desktop notification has still to say). */
export function unseenReminders(current: readonly Reminder[], seen: ReadonlySet<string>): Reminder[] {
  return current.filter((item) => !seen.has(item.key));
}

export function emptyCounts(): Record<ReminderKind, number> {
  return Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, 0])) as Record<ReminderKind, number>;
}

/** Which date an item carries, for its wording (shared/i18n/reminders.ts `dates`). */
export function reminderDateKind(kind: ReminderKind): 'due' | 'informed' | 'actionDue' {
  switch (kind) {
    case 'deadline_overdue':
    case 'deadline_soon':
    case 'assigned':
      return 'due';
    case 'follow_up_due':
      return 'informed';
    case 'rectification_overdue':
    case 'rectification_due':
      return 'actionDue';
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown reminder kind ${String(unreachable)}`);
    }
  }
}
