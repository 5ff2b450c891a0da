import { z } from 'zod';
import { LOCALES } from '../../i18n/define';
import { PERMISSIONS, ROLES } from '../../domain/roles';
import { codeSchema, displayNameSchema, passwordSchema, usernameSchema } from '../../domain/auth';
import { channel, noInput } from '../define';

export const signedInUserSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  branchCode: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SignedInUser = z.infer<typeof signedInUserSchema>;

/** What the renderer needs to pick its first screen: first run, sign-in, or the app. */
export const appStateSchema = z.object({
  /** The archive file this installation uses (shown in the title bar and settings). */
  archivePath: z.string(),
  hasArchive: z.boolean(),
  isUnlocked: z.boolean(),
  user: signedInUserSchema.nullable(),
  /** The last user who signed in, so the sign-in screen after a lock pre-fills the name. */
  lastUsername: z.string().nullable(),
  locale: z.enum(LOCALES),
  idleLockMinutes: z.number().int().positive(),
  /** The archive's time zone (a setting): the form reads the receipt time on this clock. */
  timeZone: z.string(),
  /** `electron` offers native file dialogs; `host` moves files through the browser (uploads, downloads). */
  shell: z.enum(['electron', 'host']),
});
export type AppState = z.infer<typeof appStateSchema>;

export const archiveCreateSchema = z
  .object({
    branchCode: codeSchema,
    branchName: z.string().trim().min(1).max(100),
    terminalCode: codeSchema,
    adminUsername: usernameSchema,
    adminDisplayName: displayNameSchema,
    adminPassword: passwordSchema,
  })
  .strict();
export type ArchiveCreateInput = z.infer<typeof archiveCreateSchema>;

export const appChannels = {
  'app:get-state': channel({ request: noInput, response: appStateSchema, access: 'public' }),
  'app:set-locale': channel({
    request: z.object({ locale: z.enum(LOCALES) }).strict(),
    response: appStateSchema,
    access: 'public',
  }),
  /**
   * First run: creates the encrypted archive and its first administrator, signs them in, and
   * returns the recovery key ONCE so it can be written down. It is not stored anywhere readable.
   */
  'archive:create': channel({
    request: archiveCreateSchema,
    response: z.object({ recoveryKey: z.string(), state: appStateSchema }),
    access: 'public',
  }),
  /**
   * Electron only: the native "open archive" dialog, and the main process switches to the chosen
   * file itself (the path never comes from the renderer). Null when cancelled. The headless host
   * serves only the archive it was started with (HOST_ARCHIVE_FIXED).
   */
  'dialog:open-archive': channel({ request: noInput, response: appStateSchema.nullable(), access: 'public' }),
} as const;
