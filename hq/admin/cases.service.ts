import { asc, eq } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqCases } from '../db/schema';
import { maskAccount, maskIdNumber, maskPhone } from '../../shared/domain/masking';
import { can, type HqUser } from '../auth/hq-users';
import type { CaseData } from '../ingest/case-projection';

/** Personal identifiers in a case's columns and how each is masked (DOMAIN.md "Information security"). */
const MASKED_FIELDS: Record<string, (value: string) => string> = {
  complainantIdNumber: maskIdNumber,
  complainantPhone: maskPhone,
  agentPhone: maskPhone,
  accountNumber: maskAccount,
  idNumber: maskIdNumber,
  phone: maskPhone,
};

/**
 * Branches seal identifiers to their own PII key (docs/SECURITY.md), which head office does not
 * hold: a sealed case arrives with a masked rendering in the plain column, the sealed value and a
 * blind-index entry beside it. Those two mean nothing to a reader and are never shown.
 */
export function withoutSealedColumns(data: CaseData): CaseData {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !/(Sealed|Bidx)$/.test(key)));
}

export function maskCaseData(data: CaseData): CaseData {
  const masked: CaseData = withoutSealedColumns(data);
  for (const [field, mask] of Object.entries(MASKED_FIELDS)) {
    const value = masked[field];
    if (typeof value === 'string' && value !== '') masked[field] = mask(value);
  }
  return masked;
}

/** A branch's cases as head office sees them; identifiers masked unless the user holds pii:view. */
export async function listBranchCases(db: HqDb, user: HqUser, branchCode: string, limit = 500) {
  const rows = await db
    .select()
    .from(hqCases)
    .where(eq(hqCases.branchCode, branchCode))
    .orderBy(asc(hqCases.caseNo))
    .limit(limit);
  const showPii = can(user, 'pii:view');
  return rows.map((row) => ({
    id: row.id,
    branchCode: row.branchCode,
    caseNo: row.caseNo,
    status: row.status,
    receivedMonth: row.receivedMonth,
    data: showPii ? withoutSealedColumns(row.data as CaseData) : maskCaseData(row.data as CaseData),
  }));
}
