import { reminderListSchema } from '../../domain/reminders';
import { channel, noInput } from '../define';

/** Reminders for the signed-in user (shared/domain/reminders.ts): the notification centre and the sign-in digest. */
export const reminderChannels = {
  'reminders:list': channel({ request: noInput, response: reminderListSchema, permission: 'case:read' }),
} as const;
