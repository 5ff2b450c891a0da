import { z } from 'zod';
import { INTAKE_METHODS } from './case-codes';
import { isoDate } from './case';

/**
 * The dashboard's case-work block (issue 17): cases by how they came in, rectification follow-up
 * (completion rate, overdue) and complaints that recur after a rectification was verified (same
 * business × cause within RECURRENCE_WINDOW_DAYS of the verification).
 */
export const caseWorkStatsSchema = z.object({
  from: isoDate,
  to: isoDate,
  intake: z.array(z.object({ method: z.enum(INTAKE_METHODS).nullable(), count: z.number().int() })),
  rectification: z.object({
    total: z.number().int(),
    planned: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    verified: z.number().int(),
    overdue: z.number().int(),
    /** (done + verified) / total; null without actions. */
    completionRate: z.number().nullable(),
  }),
  recurrences: z.array(
    z.object({
      caseId: z.string(),
      caseNo: z.string(),
      receivedDate: isoDate,
      businessCode: z.string(),
      causeCode: z.string(),
      verifiedCaseId: z.string(),
      verifiedCaseNo: z.string(),
      verifiedDate: isoDate,
    }),
  ),
});
export type CaseWorkStats = z.infer<typeof caseWorkStatsSchema>;
