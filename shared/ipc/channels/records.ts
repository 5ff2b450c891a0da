import { z } from 'zod';
import { LETTER_KINDS, SEND_METHODS, letterTemplateSchema } from '../../domain/letters';
import { isoDate } from '../../domain/case';
import { channel, noOutput } from '../define';

const localeInput = z.enum(['zh-CN', 'en']);
const templateView = letterTemplateSchema.extend({ isCustom: z.boolean() });
const letterText = z.object({ title: z.string(), paragraphs: z.array(z.string()), caseNo: z.string() });

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
    request: z.object({ caseId: z.string().min(1), kind: z.enum(LETTER_KINDS) }).strict(),
    response: noOutput,
    permission: 'case:read',
  }),
  /** The letter reached the customer: date and method, the evidence for "customer informed". */
  'letters:record-sent': channel({
    request: z
      .object({
        caseId: z.string().min(1),
        kind: z.enum(LETTER_KINDS),
        method: z.enum(SEND_METHODS),
        sentDate: isoDate,
      })
      .strict(),
    response: noOutput,
    permission: 'case:handle',
  }),
} as const;
