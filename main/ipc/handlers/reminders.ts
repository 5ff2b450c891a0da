import type { reminderChannels } from '../../../shared/ipc/channels/reminders';
import { listReminders } from '../../services/reminders/reminders.service';
import type { HandlersFor } from '../handler-types';

export const reminderHandlers: HandlersFor<keyof typeof reminderChannels> = {
  'reminders:list': (_input, { ctx }) => listReminders(ctx),
};
