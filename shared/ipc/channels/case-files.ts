import { z } from 'zod';
import { caseFilterSchema, caseSortSchema } from '../../domain/case-query';
import { channel, idInput, noInput, noOutput } from '../define';

/**
 * Attachments cross IPC as base64 (payloads are plain JSON for both transports). The limit is on
 * the decoded size (the same as main/services/cases/attachments.service.ts); base64 is 4/3 of it, which
 * the host's body limit allows for.
 */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
const MAX_BASE64_LENGTH = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

export const attachmentMetaSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
});
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;

export const draftSchema = z.object({
  kind: z.string(),
  payload: z.unknown(),
  updatedAt: z.number(),
});

/** A grid view: built-in ones (name is an i18n key such as `cases.views.my_open`) and the user's own. */
export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  isBuiltIn: z.boolean(),
  filter: caseFilterSchema,
  sort: caseSortSchema,
  columns: z.array(z.string()).optional(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** `case-registration` or `case-edit:<caseId>`: one draft per form per user. */
const draftKind = z.string().trim().min(1).max(120);

export const caseFileChannels = {
  'attachments:add': channel({
    request: z
      .object({
        caseId: z.string().min(1),
        fileName: z.string().trim().min(1).max(255),
        mimeType: z.string().trim().min(1).max(100),
        dataBase64: z
          .string()
          .max(MAX_BASE64_LENGTH)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
      })
      .strict(),
    response: attachmentMetaSchema,
    permission: 'case:edit',
  }),
  'attachments:list': channel({
    request: z.object({ caseId: z.string().min(1) }).strict(),
    response: z.object({ attachments: z.array(attachmentMetaSchema) }),
    permission: 'case:read',
  }),
  'attachments:get': channel({
    request: idInput,
    response: attachmentMetaSchema.extend({ dataBase64: z.string() }),
    permission: 'case:read',
  }),
  'drafts:save': channel({
    request: z.object({ kind: draftKind, payload: z.unknown() }).strict(),
    response: draftSchema,
  }),
  'drafts:get': channel({
    request: z.object({ kind: draftKind }).strict(),
    response: draftSchema.nullable(),
  }),
  'drafts:delete': channel({ request: z.object({ kind: draftKind }).strict(), response: noOutput }),
  'views:list': channel({ request: noInput, response: z.object({ views: z.array(savedViewSchema) }) }),
  'views:save': channel({
    request: z
      .object({
        /** Given: replaces that view of the user's; absent: a new view. */
        id: z.string().optional(),
        name: z.string().trim().min(1).max(100),
        filter: caseFilterSchema,
        sort: caseSortSchema.default([]),
        columns: z.array(z.string().min(1).max(60)).max(60).optional(),
      })
      .strict(),
    response: savedViewSchema,
  }),
  'views:delete': channel({ request: idInput, response: noOutput }),
} as const;
