import { z } from 'zod';
import { passwordSchema } from '../../domain/auth';
import { anyPassword, channel, noInput, noOutput } from '../define';
import { appStateSchema } from './app';

export const authChannels = {
  /** Unwraps the user's key slot with the password and opens the archive. Throttled on failures. */
  'auth:sign-in': channel({
    request: z.object({ username: z.string().trim().min(1).max(60), password: anyPassword }).strict(),
    response: appStateSchema,
    access: 'public',
  }),
  /** Closes the session; the archive key is dropped from memory. */
  'auth:sign-out': channel({ request: noInput, response: appStateSchema, access: 'public' }),
  /** Like sign-out, but the sign-in screen keeps the user's name. Drafts stay in the archive. */
  'auth:lock': channel({ request: noInput, response: appStateSchema, access: 'public' }),
  'auth:change-password': channel({
    request: z.object({ currentPassword: anyPassword, newPassword: passwordSchema }).strict(),
    response: noOutput,
  }),
  /** The renderer reports keyboard/mouse activity (throttled) so the idle lock restarts. */
  'auth:activity': channel({ request: noInput, response: noOutput, access: 'public' }),
} as const;
