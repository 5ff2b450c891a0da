import type { CaseListRow } from '../../../shared/domain/case-query';

/** Merging a case into another one the clerk names by its case number (BJ01-T1-20261123-0002). */

/** A case number as typed: spaces dropped, letters upper-cased, full-width hyphens made ASCII. */
export function normaliseCaseNo(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[－—–]/g, '-')
    .toUpperCase();
}

/**
 * The row that IS the named case. A full-text search for a number also finds cases whose texts
 * merely contain it, so only an exact case-number match counts; the case itself is never a target.
 */
export function pickSurvivor(
  rows: readonly CaseListRow[],
  caseNo: string,
  selfId: string,
): CaseListRow | null {
  const wanted = normaliseCaseNo(caseNo);
  return rows.find((row) => row.caseNo === wanted && row.id !== selfId) ?? null;
}
