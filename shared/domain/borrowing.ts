import { z } from 'zod';

/** The longest a borrowing may run; longer needs a new request. */
export const BORROW_MAX_DAYS = 90;

export const borrowRequestInputSchema = z
  .object({
    caseId: z.string().min(1),
    reason: z.string().trim().min(2, 'borrowing.validation.reason').max(500),
    days: z
      .number()
      .int()
      .min(1, 'borrowing.validation.days')
      .max(BORROW_MAX_DAYS, 'borrowing.validation.days'),
  })
  .strict();
export type BorrowRequestInput = z.infer<typeof borrowRequestInputSchema>;

export const borrowDecisionSchema = z
  .object({ id: z.string().min(1), isApproved: z.boolean(), note: z.string().trim().max(500).optional() })
  .strict();

export const borrowRequestSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string().nullable(),
  requesterUserId: z.string(),
  requesterName: z.string().nullable(),
  reason: z.string(),
  days: z.number().int(),
  status: z.enum(['requested', 'approved', 'refused']),
  requestedAt: z.number().int(),
  decidedByUserId: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.number().int().nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: z.number().int().nullable(),
});
export type BorrowRequest = z.infer<typeof borrowRequestSchema>;

/** Whether an approved request still gives access at `now`. */
export function isBorrowActive(request: Pick<BorrowRequest, 'status' | 'expiresAt'>, now: number): boolean {
  return request.status === 'approved' && request.expiresAt !== null && now < request.expiresAt;
}
