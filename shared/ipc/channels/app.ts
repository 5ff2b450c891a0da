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
  /** `electron` offers native file dialogs; `host` asks the user to type a path. */
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

export const filePathResult = z.object({ path: z.string().nullable() });

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
  /** Switches to another archive file (closing the current session). */
  'archive:open': channel({
    request: z.object({ path: z.string().trim().min(1).max(4096) }).strict(),
    response: appStateSchema,
    access: 'public',
  }),
  /** Native "open archive" dialog (Electron only). Returns the chosen path, or null if cancelled. */
  'dialog:open-archive': channel({ request: noInput, response: filePathResult, access: 'public' }),
  /** Native "save as" dialog (Electron only), for exports. */
  'dialog:save-file': channel({
    request: z
      .object({
        defaultName: z.string().max(255),
        extensions: z
          .array(z.string().regex(/^[a-z0-9]+$/))
          .max(10)
          .default([]),
      })
      .strict(),
    response: filePathResult,
  }),
  /** Native "open file" dialog (Electron only), for the import wizard: CSV and XLSX by default. */
  'dialog:open-file': channel({
    request: z
      .object({
        extensions: z
          .array(z.string().regex(/^[a-z0-9]+$/))
          .max(10)
          .default([]),
      })
      .strict(),
    response: filePathResult,
  }),
} as const;
