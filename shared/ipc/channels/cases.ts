import { z } from 'zod';
import {
  PRIORITIES,
  caseRegistrationSchema,
  classificationSchema,
  complainantSchema,
  moneyFen,
  respondentSchema,
  riskFlagsSchema,
} from '../../domain/case';
import { caseFilterSchema, caseListPageSchema, caseListQuerySchema } from '../../domain/case-query';
import { transitionInputSchema } from '../../domain/lifecycle';
import {
  caseDetailSchema,
  caseHistoryEntrySchema,
  duplicateCandidateSchema,
  duplicateQuerySchema,
} from '../../domain/case-detail';
import { channel, noInput } from '../define';

/**
 * A partial edit. Written out rather than `caseRegistrationSchema.partial()`: zod applies field
 * defaults inside `.partial()`, so an absent `priority` would silently reset it to 'ordinary'.
 * Nested objects (complainant, classification, …) are replaced whole.
 */
export const casePatchSchema = z
  .object({
    receivedAt: z.number().int().positive().optional(),
    complainant: complainantSchema.optional(),
    respondent: respondentSchema.optional(),
    request: z.string().trim().min(1).max(10_000).optional(),
    facts: z.string().trim().max(50_000).optional(),
    grounds: z.string().trim().max(20_000).optional(),
    productName: z.string().trim().max(200).nullish(),
    accountNumber: z.string().trim().max(60).nullish(),
    amountFen: moneyFen.nullish(),
    classification: classificationSchema.optional(),
    priority: z.enum(PRIORITIES).optional(),
    risk: riskFlagsSchema.optional(),
  })
  .strict();
export type CasePatch = z.infer<typeof casePatchSchema>;

/** A lifecycle action on a case; what each action carries is shared/domain/lifecycle.ts's. */
export const caseTransitionSchema = z
  .object({
    caseId: z.string().min(1),
    /** The version the user saw; a stale version is a CONFLICT, not a lost update. */
    version: z.number().int().positive(),
    input: transitionInputSchema,
  })
  .strict();

export const dueSummarySchema = z.object({
  overdue: z.number().int().nonnegative(),
  dueSoon: z.number().int().nonnegative(),
  dueToday: z.number().int().nonnegative(),
});

/** How far the full-text index is behind a bulk load (main/services/cases/search-index.ts). */
export const searchStatusSchema = z.object({
  pending: z.number().int().nonnegative(),
  isIndexing: z.boolean(),
});

const caseIdInput = z.object({ caseId: z.string().min(1) }).strict();

export const caseChannels = {
  'cases:list-page': channel({
    request: caseListQuerySchema,
    response: caseListPageSchema,
    permission: 'case:read',
  }),
  'cases:count': channel({
    request: z.object({ filter: caseFilterSchema.default({}) }).strict(),
    response: z.object({ total: z.number().int().nonnegative() }),
    permission: 'case:read',
  }),
  'cases:get': channel({ request: caseIdInput, response: caseDetailSchema, permission: 'case:read' }),
  'cases:register': channel({
    request: caseRegistrationSchema
      .extend({
        /** The registration draft to delete once the case is saved, so a saved case leaves no draft. */
        draftKind: z.string().max(120).nullish(),
      })
      .strict(),
    response: caseDetailSchema,
    permission: 'case:register',
  }),
  'cases:update': channel({
    request: z
      .object({
        caseId: z.string().min(1),
        version: z.number().int().positive(),
        patch: casePatchSchema,
        /** Why a registered fact was corrected; kept in the case history. */
        reason: z.string().trim().max(2_000).optional(),
      })
      .strict(),
    response: caseDetailSchema,
    permission: 'case:edit',
  }),
  'cases:transition': channel({
    request: caseTransitionSchema,
    response: caseDetailSchema,
    permission: 'case:read',
  }),
  'cases:find-duplicates': channel({
    request: duplicateQuerySchema,
    response: z.object({ candidates: z.array(duplicateCandidateSchema) }),
    permission: 'case:read',
  }),
  'cases:merge': channel({
    request: z
      .object({
        /** The repeat complaint that is merged away (it keeps its history and points to the survivor). */
        sourceCaseId: z.string().min(1),
        survivorCaseId: z.string().min(1),
        reason: z.string().trim().min(1).max(2_000),
        /** The source case's version the user saw. */
        version: z.number().int().positive().optional(),
      })
      .strict(),
    response: caseDetailSchema,
    permission: 'case:merge',
  }),
  'cases:annotate': channel({
    request: z.object({ caseId: z.string().min(1), text: z.string().trim().min(1).max(10_000) }).strict(),
    /** The case's history with the new note, so the screen shows it without another call. */
    response: z.object({ entries: z.array(caseHistoryEntrySchema) }),
    permission: 'case:handle',
  }),
  'cases:history': channel({
    request: caseIdInput,
    response: z.object({ entries: z.array(caseHistoryEntrySchema) }),
    permission: 'case:read',
  }),
  'cases:due-summary': channel({ request: noInput, response: dueSummarySchema, permission: 'case:read' }),
  'cases:search-status': channel({ request: noInput, response: searchStatusSchema, permission: 'case:read' }),
} as const;
