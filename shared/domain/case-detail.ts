import { z } from 'zod';
import { caseRecordSchema } from './case';
import { CASE_ACTIONS } from './status';

/**
 * What `getCase` returns: the record (ID number and phones masked unless the actor may see them),
 * what the actor may do next, and the deadline as the screen shows it.
 */
export const caseDeadlineInfoSchema = z.object({
  /** Days until the due date (0 on the due day, negative when overdue); null once decided. */
  daysLeft: z.number().int().nullable(),
  isOverdue: z.boolean(),
  isDueSoon: z.boolean(),
  isPaused: z.boolean(),
  /** Decided on or before the due date; null while undecided. */
  isOnTime: z.boolean().nullable(),
});
export type CaseDeadlineInfo = z.infer<typeof caseDeadlineInfoSchema>;

export const caseDetailSchema = z.object({
  record: caseRecordSchema,
  closedDate: z.string().nullable(),
  availableActions: z.array(z.enum(CASE_ACTIONS)),
  deadlineInfo: caseDeadlineInfoSchema,
  handlerName: z.string().nullable(),
  registeredByName: z.string().nullable(),
  mergedIntoCaseNo: z.string().nullable(),
  /** Handed to this branch code through head office: read-only here (docs/SYNC.md "Case transfers"). */
  transferredTo: z.string().nullable(),
  /** Received by transfer from this branch code. */
  transferredFrom: z.string().nullable(),
  /** Personal identifiers in `record` are masked. */
  isMasked: z.boolean(),
  /** Disposed of (its anonymous shell): only annotations are taken (db/repos/disposed-case-guard.ts). */
  isDisposed: z.boolean(),
  attachmentCount: z.number().int().nonnegative(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** One history entry as the case screen lists it. */
export const caseHistoryEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  at: z.number(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  payload: z.unknown(),
});
export type CaseHistoryEntry = z.infer<typeof caseHistoryEntrySchema>;

export const DUPLICATE_REASONS = ['same_id_number', 'same_phone', 'same_account', 'similar_text'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const duplicateQuerySchema = z
  .object({
    idNumber: z.string().trim().max(40).nullish(),
    phone: z.string().trim().max(40).nullish(),
    accountNumber: z.string().trim().max(60).nullish(),
    text: z.string().trim().max(50_000).nullish(),
    excludeCaseId: z.string().nullish(),
  })
  .strict();
export type DuplicateQuery = z.input<typeof duplicateQuerySchema>;

export const duplicateCandidateSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  status: z.string(),
  receivedDate: z.string(),
  complainantName: z.string(),
  requestSummary: z.string(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  /** 0…1, text similarity of the requests (0 when no text was given). */
  similarity: z.number(),
  score: z.number(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;
