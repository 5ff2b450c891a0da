import { z } from 'zod';
import { isoDate } from './case';
import { canMove, type StepMachine } from './step-machine';

/**
 * Referral (转办: another department or another branch takes the matter on) and co-handling
 * (协办: a co-handler does one task for the case's handler). Each has a task and a due date and
 * moves sent → accepted → answered → closed, one step at a time; the answer is recorded when
 * it is answered and the handler closes it once the answer is taken into the case.
 */
export const REFERRAL_KINDS = ['referral', 'co_handling'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_STATUSES = ['sent', 'accepted', 'answered', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** An answer that does not settle the matter goes back to `accepted` for more work. */
export const REFERRAL_MACHINE: StepMachine<ReferralStatus> = {
  order: REFERRAL_STATUSES,
  backEdges: [['answered', 'accepted']],
};

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return canMove(REFERRAL_MACHINE, from, to);
}

export const referralInputSchema = z
  .object({
    kind: z.enum(REFERRAL_KINDS),
    /** A department of this institution (转办/协办 within the branch); required. */
    toDepartment: z.string().trim().max(200).optional(),
    /**
     * Refused with a clear line: a referral to another branch is the case transfer through head
     * office (shared/domain/case-transfer.ts). Kept in the schema so older callers get that line.
     */
    toBranchCode: z.string().trim().max(20).optional(),
    assignee: z.string().trim().min(1).max(100),
    task: z.string().trim().min(1).max(5000),
    dueDate: isoDate,
  })
  .strict();
export type ReferralInput = z.infer<typeof referralInputSchema>;

export const referralMoveSchema = z
  .object({
    to: z.enum(REFERRAL_STATUSES),
    /** Required when the referral is answered: what the department or co-handler found. */
    answer: z.string().trim().max(10_000).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ReferralMove = z.infer<typeof referralMoveSchema>;

export const referralSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(REFERRAL_KINDS),
  toDepartment: z.string().nullable(),
  toBranchCode: z.string().nullable(),
  assignee: z.string(),
  task: z.string(),
  dueDate: isoDate,
  status: z.enum(REFERRAL_STATUSES),
  answer: z.string().nullable(),
  answeredDate: isoDate.nullable(),
  createdBy: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  version: z.number().int().positive(),
});
export type Referral = z.infer<typeof referralSchema>;

export function isReferralOverdue(r: Pick<Referral, 'status' | 'dueDate'>, today: string): boolean {
  return (r.status === 'sent' || r.status === 'accepted') && r.dueDate < today;
}
