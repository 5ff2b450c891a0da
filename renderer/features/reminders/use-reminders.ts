import { invoke } from '../../api';
import { useCaseFigure } from '../../app/due-summary';
import type { ReminderList } from '../../../shared/domain/reminders';

const loadReminders = (): Promise<ReminderList> => invoke('reminders:list');

/** The signed-in user's reminders: after sign-in, every minute, and when a screen changed cases. */
export function useReminders(): ReminderList | null {
  return useCaseFigure(loadReminders);
}
