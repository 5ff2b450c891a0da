import { z } from 'zod';
import { channel, noOutput } from '../define';

/**
 * File transfer without file paths: no path travels from the renderer to the main process.
 * A file the person picks (to read) or names (to write) is a `handle`, an opaque random id the
 * main process maps to the real file. In Electron the main process shows the native dialog and
 * keeps the chosen path; in the headless host the browser uploads the file (`POST /files/upload`)
 * and downloads what was written (`GET /files/<handle>`). The renderer's `renderer/file-transfer.ts`
 * (`pickFileForUpload`, `saveDownload`) hides the difference.
 */
export const fileHandleSchema = z.string().regex(/^fh_[A-Za-z0-9_-]{20,64}$/, 'not a file handle');
export type FileHandle = z.infer<typeof fileHandleSchema>;

/** What the picker may open: the import wizard's spreadsheets, attachments, a backup to restore, HQ's reply bundle. */
export const UPLOAD_PURPOSES = ['import', 'attachment', 'restore', 'sync-bundle'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

const extensions = z
  // Letters, digits and inner hyphens (`redress-backup`): nothing a dialog filter or `accept` could misread.
  .array(
    z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(20),
  )
  .max(10)
  .default([]);

/** A file ready to read: its handle, the name to show (no folder), its size in bytes. */
export const uploadedFileSchema = z.object({
  handle: fileHandleSchema,
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/** A place to write: its handle and the file name to show (no folder). */
export const downloadTargetSchema = z.object({ handle: fileHandleSchema, name: z.string() });
export type DownloadTarget = z.infer<typeof downloadTargetSchema>;

/** A file name without folders, as offered in a save dialog or a browser download. */
export const suggestedNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (name) =>
      ![...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20) &&
      name !== '.' &&
      name !== '..',
    'not a file name',
  );

export const fileChannels = {
  /** Electron: the native open dialog; null when cancelled. The headless host uploads instead. */
  'files:choose-upload': channel({
    request: z.object({ purpose: z.enum(UPLOAD_PURPOSES), extensions }).strict(),
    response: uploadedFileSchema.nullable(),
    access: 'public',
  }),
  /**
   * Electron: the native save dialog; null when cancelled. Headless host: a download slot the
   * browser fetches from `GET /files/<handle>` once the export (or letter, or backup) is written.
   */
  'files:choose-download': channel({
    request: z.object({ suggestedName: suggestedNameSchema, extensions }).strict(),
    response: downloadTargetSchema.nullable(),
  }),
  /** Forgets a handle (and deletes the host's temporary copy). Unknown handles are ignored. */
  'files:release': channel({
    request: z.object({ handle: fileHandleSchema }).strict(),
    response: noOutput,
    access: 'public',
  }),
} as const;
