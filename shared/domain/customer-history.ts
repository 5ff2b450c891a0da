import { z } from 'zod';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from './case';
import { CASE_STATUSES } from './status';

/**
 * The customer's history: every case of the same complainant, matched on the normalised ID
 * number, phone or account number, with each case's outcome and satisfaction.
 */
export const customerHistoryQuerySchema = z
  .object({
    idNumber: z.string().trim().max(40).nullish(),
    phone: z.string().trim().max(40).nullish(),
    accountNumber: z.string().trim().max(60).nullish(),
    /** The case being looked at (or being registered as an edit): not its own history. */
    excludeCaseId: z.string().nullish(),
  })
  .strict();
export type CustomerHistoryQuery = z.input<typeof customerHistoryQuerySchema>;

export const MATCH_KEYS = ['id_number', 'phone', 'account'] as const;

export const customerHistoryEntrySchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  status: z.enum(CASE_STATUSES),
  receivedDate: z.string(),
  complainantName: z.string(),
  businessCode: z.string(),
  causeCode: z.string(),
  requestSummary: z.string(),
  resolutionType: z.enum(RESOLUTION_TYPES).nullable(),
  satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
  matchedBy: z.array(z.enum(MATCH_KEYS)),
});
export type CustomerHistoryEntry = z.infer<typeof customerHistoryEntrySchema>;

export const customerHistorySchema = z.object({
  /** All matching cases; `entries` holds the newest of them (at most HISTORY_LIMIT). */
  total: z.number().int().nonnegative(),
  entries: z.array(customerHistoryEntrySchema),
});
export type CustomerHistory = z.infer<typeof customerHistorySchema>;

export const HISTORY_LIMIT = 100;

/** The same normalisation as registration and duplicate detection: no spaces, ID letters upper case. */
export function normaliseIdentifiers(q: CustomerHistoryQuery) {
  const clean = (v: string | null | undefined) => (v ? v.replace(/\s/g, '') : '') || null;
  return {
    idNumber: clean(q.idNumber)?.toUpperCase() ?? null,
    phone: clean(q.phone),
    accountNumber: clean(q.accountNumber),
  };
}
