import { z } from 'zod';
import { LETTER_KINDS, LETTER_PLACEHOLDERS, SEND_METHODS, letterTemplateSchema } from '../../domain/letters';
import { isoDate } from '../../domain/case';
import { auditQuerySchema, auditRowSchema } from '../../domain/audit';
import { channel, noOutput } from '../define';
import { fileHandleSchema } from './files';

const localeInput = z.enum(['zh-CN', 'en']);
const templateView = letterTemplateSchema.extend({ isCustom: z.boolean() });
const letterText = z.object({
  title: z.string(),
  paragraphs: z.array(z.string()),
  caseNo: z.string(),
  /** Placeholders the template uses whose value is blank: the letter cannot be printed yet. */
  missing: z.array(z.enum(LETTER_PLACEHOLDERS)),
});

/** The records office: letters to the customer (templates, composing, sending recorded). */
export const recordsChannels = {
  'letters:list-templates': channel({
    request: z.object({ locale: localeInput }).strict(),
    response: z.array(templateView),
    permission: 'case:read',
  }),
  /** Placeholders that do not exist are refused (VALIDATION on `body`). */
  'letters:save-template': channel({
    request: letterTemplateSchema,
    response: templateView,
    permission: 'archive:manage',
  }),
  /** The case's fields poured into the branch's template, or into `draft` for a preview. */
  'letters:compose': channel({
    request: z
      .object({
        caseId: z.string().min(1),
        kind: z.enum(LETTER_KINDS),
        locale: localeInput,
        reason: z.string().max(5_000).optional(),
        draft: z
          .object({ title: z.string().max(100), body: z.string().max(20_000) })
          .strict()
          .optional(),
      })
      .strict(),
    response: letterText,
    permission: 'case:read',
  }),
  /** The letter was printed from the app (recorded on the case like every print). */
  'letters:record-printed': channel({
    request: z
      .object({
        caseId: z.string().min(1),
        kind: z.enum(LETTER_KINDS),
        locale: localeInput.optional(),
        reason: z.string().max(5_000).optional(),
      })
      .strict(),
    response: noOutput,
    permission: 'case:read',
  }),
  /** The letter reached the customer: date and method; logged as the contact that informed them. */
  'letters:record-sent': channel({
    request: z
      .object({
        caseId: z.string().min(1),
        kind: z.enum(LETTER_KINDS),
        method: z.enum(SEND_METHODS),
        sentDate: isoDate,
      })
      .strict(),
    /** The contact-log entry the sending became: what extension and decision steps can name. */
    response: z.object({ contactId: z.string() }),
    permission: 'case:handle',
  }),
  /** The letter as a PDF with its CJK font inside, written to the download the user chose. */
  'letters:export-pdf': channel({
    request: z
      .object({
        target: fileHandleSchema,
        caseId: z.string().min(1),
        kind: z.enum(LETTER_KINDS),
        locale: localeInput,
        reason: z.string().max(5_000).optional(),
      })
      .strict(),
    response: z.object({ fileName: z.string(), sha256: z.string() }),
    permission: 'case:read',
  }),
  /** The access log and archive events, for admins and supervisors (the service checks the role). */
  'audit:list': channel({
    request: auditQuerySchema,
    response: z.object({ rows: z.array(auditRowSchema), total: z.number().int() }),
    permission: 'case:approve',
  }),
  'audit:export-xlsx': channel({
    request: z.object({ target: fileHandleSchema, query: auditQuerySchema }).strict(),
    response: z.object({ fileName: z.string(), rowCount: z.number().int() }),
    permission: 'case:approve',
  }),
  /** The case sheet was printed from the app (a print is an access like any other). */
  'audit:record-print': channel({
    request: z.object({ caseId: z.string().min(1) }).strict(),
    response: noOutput,
    permission: 'case:read',
  }),
} as const;
