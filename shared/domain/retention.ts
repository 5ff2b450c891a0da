import { z } from 'zod';
import type { CaseStatus } from './status';

/**
 * Records retention (保管期限, DOMAIN.md "Records retention"). PBOC's 2020 implementation measures
 * for financial consumer protection: complaint files are kept at least 3 years after the case is
 * closed, credit-reporting (征信) complaints 10 years; agreements, judgments and appraisals are kept
 * permanently. An administrator may lengthen a period, never shorten it below these minimums.
 */

/** The categories whose period is a number of years (the permanent one has none). */
export const RETENTION_CATEGORIES = ['complaint', 'credit_reporting'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];
/** What a case's retention is decided by: its category, or a document that is kept for ever. */
export type RetentionClass = RetentionCategory | 'permanent';
export const RETENTION_CLASSES = [...RETENTION_CATEGORIES, 'permanent'] as const;

export const MINIMUM_RETENTION_YEARS: Record<RetentionCategory, number> = {
  complaint: 3,
  credit_reporting: 10,
};
export const MAXIMUM_RETENTION_YEARS = 100;

/** The stored setting (`retentionYears` in the settings table); a missing key is the minimum. */
export const retentionYearsSchema = z
  .object({
    complaint: z.number().int().max(MAXIMUM_RETENTION_YEARS),
    credit_reporting: z.number().int().max(MAXIMUM_RETENTION_YEARS),
  })
  .strict();
export type RetentionYears = z.infer<typeof retentionYearsSchema>;

/**
 * Kinds of document a case's attachments are: evidence by default; agreements (协议), judgments
 * (判决/裁决书) and appraisals (鉴定意见) are kept permanently, and so is the case holding them.
 */
export const DOCUMENT_KINDS = ['evidence', 'agreement', 'judgment', 'appraisal'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const PERMANENT_DOCUMENT_KINDS: readonly DocumentKind[] = ['agreement', 'judgment', 'appraisal'];

/** Marking an attachment's kind: the IPC request and the service's input (one schema). */
export const documentKindSchema = z
  .object({ attachmentId: z.string().min(1), kind: z.enum(DOCUMENT_KINDS) })
  .strict();

/**
 * A case is a credit-reporting complaint when its JR/T 0169 business code is B0603 征信 (under B06
 * 个人金融信息) or a code an administrator added beneath it: the taxonomy, not free text, decides.
 */
export const CREDIT_REPORTING_BUSINESS_CODE = 'B0603';

export function isCreditReporting(businessCode: string): boolean {
  return businessCode.startsWith(CREDIT_REPORTING_BUSINESS_CODE);
}

export function retentionClassOf(input: {
  businessCode: string;
  hasPermanentDocument: boolean;
}): RetentionClass {
  if (input.hasPermanentDocument) return 'permanent';
  return isCreditReporting(input.businessCode) ? 'credit_reporting' : 'complaint';
}

/** Statuses in which a case's handling has ended and `closed_date` is the day it ended. */
export const ENDED_STATUSES: readonly CaseStatus[] = [
  'closed',
  'archived',
  'rejected',
  'withdrawn',
  'merged',
];

/**
 * The first day the case may be disposed of: the day it was closed, `years` later (29 February
 * becomes 28 February in a common year: the period is never shortened by a day).
 */
export function retentionEndDate(closedDate: string, years: number): string {
  const [y, m, d] = closedDate.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface RetentionFacts {
  status: CaseStatus;
  closedDate: string | null;
  businessCode: string;
  hasPermanentDocument: boolean;
}

export interface RetentionState {
  retentionClass: RetentionClass;
  /** First day of disposal; null while the case is open or when it is kept permanently. */
  retainUntil: string | null;
  isPastRetention: boolean;
}

export function retentionState(facts: RetentionFacts, years: RetentionYears, today: string): RetentionState {
  const retentionClass = retentionClassOf(facts);
  const hasEnded = ENDED_STATUSES.includes(facts.status) && facts.closedDate !== null;
  if (retentionClass === 'permanent' || !hasEnded) {
    return { retentionClass, retainUntil: null, isPastRetention: false };
  }
  const retainUntil = retentionEndDate(facts.closedDate!, years[retentionClass]);
  return { retentionClass, retainUntil, isPastRetention: today >= retainUntil };
}
