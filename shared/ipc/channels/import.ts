import { z } from 'zod';
import {
  importMappingSchema,
  importOptionsSchema,
  importPresetSchema,
  importPreviewSchema,
  importReportSchema,
  readOptionsSchema,
} from '../../domain/import';
import { channel, noInput } from '../define';
import { fileHandleSchema } from './files';

/**
 * Imports read a file the person picked (`files:choose-upload` in Electron, an upload in the
 * headless host), named by its handle; no path crosses IPC. `import:run` with `options.isDryRun`
 * is the dry run.
 */
const filePath = fileHandleSchema;
/** Names a running import for `app:progress` events and `import:cancel` (chosen by the renderer). */
const taskId = z.string().min(1).max(100);

export const importChannels = {
  'import:preview': channel({
    request: z
      .object({
        file: filePath,
        options: readOptionsSchema.partial().optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    response: importPreviewSchema,
    permission: 'import:run',
  }),
  'import:run': channel({
    request: z
      .object({
        file: filePath,
        preset: z.string().min(1).optional(),
        mapping: importMappingSchema.optional(),
        options: importOptionsSchema.partial().optional(),
        taskId: taskId.optional(),
      })
      .strict()
      .refine((r) => (r.preset === undefined) !== (r.mapping === undefined), {
        message: 'preset or mapping',
      }),
    response: importReportSchema,
    permission: 'import:run',
  }),
  /** Stops the import with this task id; it writes nothing (the service rolls back). */
  'import:cancel': channel({
    request: z.object({ taskId }).strict(),
    response: z.null(),
    permission: 'import:run',
  }),
  'import:list-presets': channel({
    request: noInput,
    response: z.object({ presets: z.array(importPresetSchema) }),
    permission: 'import:run',
  }),
  'import:save-preset': channel({
    request: importPresetSchema.omit({ isBuiltIn: true }),
    response: importPresetSchema,
    permission: 'import:run',
  }),
};
