import { z } from 'zod';
import { BRANCH_CODE_PATTERN } from './case-number';

/**
 * Handing a case to another branch through head office (docs/SYNC.md "Case transfers"). A referral
 * (转办) to another branch is exactly this transfer; a referral to a department stays a referral.
 */
export const transferInputSchema = z
  .object({
    caseId: z.string().min(1).max(64),
    toBranch: z.string().trim().toUpperCase().regex(BRANCH_CODE_PATTERN, 'syncui.validation.branchCode'),
    reason: z.string().trim().min(1, 'syncui.validation.transferReason').max(2000),
    expectedVersion: z.number().int().positive(),
  })
  .strict();
export type TransferInput = z.input<typeof transferInputSchema>;
