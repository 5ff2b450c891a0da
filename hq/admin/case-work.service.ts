import { asc, eq } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqContacts, hqRectifications, hqReferrals } from '../db/schema';
import { maskAccount, maskIdNumber, maskPhone } from '../../shared/domain/masking';
import { can, type HqUser } from '../auth/hq-users';

/**
 * A branch's case work as head office holds it (`GET /api/v1/case-work?branch=`). The texts are
 * the branch's free text, where a clerk may have typed a phone, ID or account number ("致电
 * 13912345678"): for HQ roles without `pii:view` such numbers are masked here, in the service,
 * with the same masks as the case columns (shared/domain/masking.ts).
 */
const IDENTIFIERS: [RegExp, (value: string) => string][] = [
  [/(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g, maskIdNumber], // resident ID, 18 characters
  // Mainland mobile, also grouped 3-4-4 with spaces or dashes as people type it.
  [/(?<![0-9])1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g, maskPhone],
  // Card and account numbers, run together or in groups of four (a card as printed).
  [/(?<![0-9*])(?:[0-9]{12,19}|[0-9]{4}(?:[ -][0-9]{4}){2,3}(?:[ -][0-9]{1,3})?)(?![0-9])/g, maskAccount],
];

export function maskIdentifiersInText(text: string): string {
  return IDENTIFIERS.reduce(
    (out, [pattern, mask]) => out.replace(pattern, (found) => mask(found.replace(/[\s-]/g, ''))),
    text,
  );
}

const TEXT_COLUMNS = ['what', 'evidence', 'task', 'answer', 'summary'] as const;

function maskRow<T extends Record<string, unknown>>(row: T, showPii: boolean): T {
  if (showPii) return row;
  const out: Record<string, unknown> = { ...row };
  for (const column of TEXT_COLUMNS) {
    const value = out[column];
    if (typeof value === 'string') out[column] = maskIdentifiersInText(value);
  }
  return out as T;
}

export async function listBranchCaseWork(db: HqDb, user: HqUser, branchCode: string, limit = 500) {
  const showPii = can(user, 'pii:view');
  const [rectifications, referrals, contacts] = await Promise.all([
    db
      .select()
      .from(hqRectifications)
      .where(eq(hqRectifications.branchCode, branchCode))
      .orderBy(asc(hqRectifications.dueDate))
      .limit(limit),
    db
      .select()
      .from(hqReferrals)
      .where(eq(hqReferrals.branchCode, branchCode))
      .orderBy(asc(hqReferrals.dueDate))
      .limit(limit),
    db
      .select()
      .from(hqContacts)
      .where(eq(hqContacts.branchCode, branchCode))
      .orderBy(asc(hqContacts.contactDate))
      .limit(limit),
  ]);
  return {
    rectifications: rectifications.map((row) => maskRow(row, showPii)),
    referrals: referrals.map((row) => maskRow(row, showPii)),
    contacts: contacts.map((row) => maskRow(row, showPii)),
  };
}
