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
  /**
   * "Forgot the password?": the recovery key sets a new password for an admin account of the
   * current archive. Throttled like sign-in; the user signs in afterwards as usual.
   */
  'auth:recover': channel({
    request: z
      .object({
        username: z.string().trim().min(1).max(60),
        recoveryKey: z.string().min(1).max(200),
        newPassword: passwordSchema,
      })
      .strict(),
    response: noOutput,
    access: 'public',
  }),
  /** A new recovery key, returned this once with its fingerprint; the old key stops working. */
  'auth:rotate-recovery-key': channel({
    request: noInput,
    response: z.object({ recoveryKey: z.string(), fingerprint: z.string() }),
    permission: 'archive:manage',
  }),
  /** The fingerprint of the recovery key the archive accepts now. */
  'auth:recovery-fingerprint': channel({
    request: noInput,
    response: z.object({ fingerprint: z.string() }),
    permission: 'archive:manage',
  }),
  /** The renderer reports keyboard/mouse activity (throttled) so the idle lock restarts. */
  'auth:activity': channel({ request: noInput, response: noOutput, access: 'public' }),
} as const;
