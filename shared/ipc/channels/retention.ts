import { z } from 'zod';
import {
  caseRetentionSchema,
  decideDisposalSchema,
  disposalBatchSchema,
  disposalListSchema,
  legalHoldSchema,
  proposeDisposalSchema,
} from '../../domain/disposal';
import { DOCUMENT_KINDS, documentKindSchema, retentionYearsSchema } from '../../domain/retention';
import { channel } from '../define';
import { fileHandleSchema } from './files';

const holdView = z.object({
  id: z.string(),
  caseId: z.string(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.number(),
  liftedBy: z.string().nullable(),
  liftedAt: z.number().nullable(),
  liftReason: z.string().nullable(),
});

/**
 * Records retention and disposal (issue 16 part 2). Every rule (minimum periods, holds, the
 * two-person approval) is enforced in main/services/retention; the permissions here are the first gate.
 */
export const retentionChannels = {
  'retention:get-years': channel({
    request: z.object({}).strict(),
    response: retentionYearsSchema,
    permission: 'case:read',
  }),
  /** Lengthen a period; below the legal minimum is RETENTION_TOO_SHORT. */
  'retention:set-years': channel({
    request: retentionYearsSchema.partial().strict(),
    response: retentionYearsSchema,
    permission: 'archive:manage',
  }),
  /** A case's retention, holds and whether it was disposed of (the case screen's panel). */
  'retention:case-state': channel({
    request: z.object({ caseId: z.string().min(1) }).strict(),
    response: caseRetentionSchema.extend({
      isDisposed: z.boolean(),
      holds: z.array(holdView),
      documents: z.array(z.object({ attachmentId: z.string(), kind: z.enum(DOCUMENT_KINDS) })),
    }),
    permission: 'case:read',
  }),
  'retention:place-hold': channel({
    request: legalHoldSchema,
    response: holdView,
    permission: 'case:approve',
  }),
  'retention:lift-hold': channel({
    request: legalHoldSchema,
    response: holdView,
    permission: 'case:approve',
  }),
  'retention:set-document-kind': channel({
    request: documentKindSchema,
    response: z.object({ attachmentId: z.string(), kind: z.enum(DOCUMENT_KINDS) }),
    permission: 'case:edit',
  }),
  'disposal:list': channel({
    request: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    response: disposalListSchema,
    permission: 'case:approve',
  }),
  /** Case numbers for a PIPL request are looked up in the caller's scope. */
  'disposal:find-case': channel({
    request: z.object({ caseNo: z.string().trim().min(1).max(60) }).strict(),
    response: caseRetentionSchema.extend({ isDisposed: z.boolean() }),
    permission: 'case:approve',
  }),
  'disposal:propose': channel({
    request: proposeDisposalSchema,
    response: disposalBatchSchema,
    permission: 'case:approve',
  }),
  /** Refused for the proposer (SAME_PERSON): the second person approves, and the batch is carried out. */
  'disposal:approve': channel({
    request: decideDisposalSchema,
    response: disposalBatchSchema,
    permission: 'case:approve',
  }),
  'disposal:refuse': channel({
    request: decideDisposalSchema,
    response: disposalBatchSchema,
    permission: 'case:approve',
  }),
  'disposal:batches': channel({
    request: z.object({}).strict(),
    response: z.array(disposalBatchSchema),
    permission: 'case:approve',
  }),
  /** The certificate (销毁清单) as PDF with its CJK font, to the download the user chose. */
  'disposal:certificate': channel({
    request: z
      .object({ target: fileHandleSchema, batchId: z.string().min(1), locale: z.enum(['zh-CN', 'en']) })
      .strict(),
    response: z.object({ fileName: z.string(), sha256: z.string() }),
    permission: 'case:approve',
  }),
};
