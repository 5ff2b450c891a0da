import { REMINDER_KINDS, type Reminder, type ReminderList } from '../../../shared/domain/reminders';
import { interpolate, sayCount, type Locale } from '../../../shared/i18n/define';
import { labelMessages } from '../../../shared/i18n/labels';
import { reminderMessages } from '../../../shared/i18n/reminders';

/** A desktop notification's text: plain, short (the OS cuts long bodies), in the user's language. */
export interface NotificationText {
  title: string;
  body: string;
}

const MAX_LINES = 4;

/** The digest at sign-in: how many of each kind, most pressing first. */
export function digestNotification(list: ReminderList, locale: Locale): NotificationText {
  const m = reminderMessages[locale].desktop;
  const kinds = labelMessages[locale].reminderKinds;
  const lines = REMINDER_KINDS.filter((kind) => list.counts[kind] > 0).map((kind) =>
    interpolate(m.line, { kind: kinds[kind], count: list.counts[kind] }),
  );
  return { title: sayCount(m, 'digestTitle', list.total, locale), body: lines.join('\n') };
}

/** Reminders that appeared since the last look: the first few by case, then how many more. */
export function freshNotification(fresh: readonly Reminder[], locale: Locale): NotificationText {
  const m = reminderMessages[locale].desktop;
  const kinds = labelMessages[locale].reminderKinds;
  const lines = fresh
    .slice(0, MAX_LINES)
    .map((item) => interpolate(m.itemLine, { caseNo: item.caseNo, kind: kinds[item.kind] }));
  if (fresh.length > MAX_LINES) lines.push(interpolate(m.more, { count: fresh.length - MAX_LINES }));
  return { title: sayCount(m, 'newTitle', fresh.length, locale), body: lines.join('\n') };
}
