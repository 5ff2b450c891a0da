import { z } from 'zod';
import { KEEP_COPIES_MAX, backupOverviewSchema } from '../../domain/backups';
import { anyPassword, channel, noInput } from '../define';
import { fileHandleSchema } from './files';

const backupResult = z.object({ fileName: z.string(), bytes: z.number().int(), at: z.number().int() });

/**
 * Backups from the app (admins). No path crosses here: a backup is written through a download
 * handle (Electron's save dialog, or a browser download from the headless host), a restore reads an
 * upload handle, and the scheduled folder is chosen in the main process's native dialog.
 */
export const backupChannels = {
  'backup:overview': channel({
    request: noInput,
    response: backupOverviewSchema,
    permission: 'archive:manage',
  }),
  /** Back up now into the chosen file, verified after writing. */
  'backup:run': channel({
    request: z.object({ target: fileHandleSchema }).strict(),
    response: backupResult,
    permission: 'archive:manage',
  }),
  /**
   * Replaces the archive with an uploaded backup; the current one is kept beside it. The password
   * is the signed-in admin's, asked again; the session is reopened on the restored archive.
   */
  'backup:restore': channel({
    request: z.object({ file: fileHandleSchema, password: anyPassword }).strict(),
    response: z.object({ keptName: z.string().nullable() }),
    permission: 'archive:restore',
  }),
  /** Electron: the native folder dialog sets the scheduled folder. The host refuses (no server paths from browsers). */
  'backup:choose-folder': channel({
    request: noInput,
    response: backupOverviewSchema.nullable(),
    permission: 'archive:manage',
  }),
  'backup:set-schedule': channel({
    request: z
      .object({ keep: z.number().int().min(1).max(KEEP_COPIES_MAX), isEnabled: z.boolean() })
      .strict(),
    response: backupOverviewSchema,
    permission: 'archive:manage',
  }),
  /** Runs the scheduled backup at once (to try a new folder); null when none is configured. */
  'backup:run-scheduled': channel({
    request: noInput,
    response: backupResult.nullable(),
    permission: 'archive:manage',
  }),
} as const;
