import { z } from 'zod';

/**
 * Disposal (销毁) of case files past retention, and deletion of personal information on a person's
 * request (PIPL): the same two-person path. One person proposes a batch; a different supervisor or
 * administrator approves it (then it is carried out) or refuses it.
 */
export const DISPOSAL_BATCH_KINDS = ['retention', 'pipl'] as const;
export type DisposalBatchKind = (typeof DISPOSAL_BATCH_KINDS)[number];

export const DISPOSAL_BATCH_STATUSES = ['proposed', 'disposed', 'refused'] as const;
export type DisposalBatchStatus = (typeof DISPOSAL_BATCH_STATUSES)[number];

/** At most this many cases in one batch: one transaction, one certificate people can read. */
export const MAX_BATCH_CASES = 500;

export const proposeDisposalSchema = z
  .object({
    kind: z.enum(DISPOSAL_BATCH_KINDS),
    caseIds: z.array(z.string().min(1)).min(1).max(MAX_BATCH_CASES),
    reason: z.string().trim().max(2_000).default(''),
  })
  .strict()
  // A PIPL deletion must say whose request it is and on what grounds.
  .refine((input) => input.kind !== 'pipl' || input.reason.length > 0, {
    path: ['reason'],
    message: 'retention.validation.piplReasonRequired',
  });
export type ProposeDisposalInput = z.input<typeof proposeDisposalSchema>;

export const decideDisposalSchema = z
  .object({
    batchId: z.string().min(1),
    note: z.string().trim().max(2_000).default(''),
  })
  .strict();
export type DecideDisposalInput = z.input<typeof decideDisposalSchema>;

export const legalHoldSchema = z
  .object({
    caseId: z.string().min(1),
    reason: z.string().trim().min(1, 'retention.validation.holdReasonRequired').max(2_000),
  })
  .strict();
export type LegalHoldInput = z.input<typeof legalHoldSchema>;

export const DISPOSAL_BLOCKERS = ['open', 'notPast', 'permanent', 'disposed', 'inBatch', 'held'] as const;

/** A case on the disposal list (no personal information: number, category, dates). */
export const caseRetentionSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  branchCode: z.string(),
  businessCode: z.string(),
  status: z.string(),
  closedDate: z.string().nullable(),
  retentionClass: z.enum(['complaint', 'credit_reporting', 'permanent']),
  retainUntil: z.string().nullable(),
  isHeld: z.boolean(),
  batchId: z.string().nullable(),
});
export type CaseRetentionView = z.infer<typeof caseRetentionSchema>;

export const disposalListSchema = z.object({
  today: z.string(),
  years: z.object({ complaint: z.number(), credit_reporting: z.number() }),
  total: z.number(),
  items: z.array(caseRetentionSchema),
});
export type DisposalListView = z.infer<typeof disposalListSchema>;

export const disposalItemSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  businessCode: z.string(),
  closedDate: z.string(),
  retentionClass: z.enum(['complaint', 'credit_reporting', 'permanent']),
  retainUntil: z.string().nullable(),
  attachmentCount: z.number().nullable(),
  destroyedSha256: z.string().nullable(),
  disposedAt: z.number().nullable(),
});

export const disposalBatchSchema = z.object({
  id: z.string(),
  kind: z.enum(DISPOSAL_BATCH_KINDS),
  status: z.enum(DISPOSAL_BATCH_STATUSES),
  reason: z.string(),
  branchCode: z.string(),
  proposedBy: z.string(),
  proposedByName: z.string(),
  proposedAt: z.number(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.number().nullable(),
  decisionNote: z.string().nullable(),
  items: z.array(disposalItemSchema),
});
export type DisposalBatchView = z.infer<typeof disposalBatchSchema>;
