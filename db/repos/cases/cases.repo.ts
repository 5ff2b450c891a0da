import { eq, sql, type SQL } from 'drizzle-orm';
import type { SortableColumn } from '../../../shared/domain/case-query';
import { AppError } from '../../../shared/errors';
import type { ArchiveDb } from '../../open';
import { cases, type CaseRow } from '../../schema';

export { rowToRecord, registrationColumns, handlingColumns } from './record-columns';

/** What the grid may sort by, as SQL. Priority sorts by urgency, not by its name. */
const SORT_SQL: Record<SortableColumn, SQL> = {
  caseNo: sql`${cases.caseNo}`,
  receivedAt: sql`${cases.receivedAt}`,
  dueDate: sql`${cases.dueDate}`,
  status: sql`${cases.status}`,
  priority: sql`(CASE ${cases.priority} WHEN 'urgent' THEN 0 WHEN 'major' THEN 1 ELSE 2 END)`,
  channelCode: sql`${cases.channelCode}`,
  businessCode: sql`${cases.businessCode}`,
  causeCode: sql`${cases.causeCode}`,
  complainantName: sql`${cases.complainantName}`,
  branchCode: sql`${cases.branchCode}`,
  handlerUserId: sql`${cases.handlerUserId}`,
  amountFen: sql`${cases.amountFen}`,
  updatedAt: sql`${cases.updatedAt}`,
};

export interface CaseSort {
  column: SortableColumn;
  direction: 'asc' | 'desc';
}

export const DEFAULT_CASE_SORT: readonly CaseSort[] = [{ column: 'receivedAt', direction: 'desc' }];

/**
 * ORDER BY for a sort model, always ending in `row_no` so rows with equal keys keep one order and
 * pages never repeat or skip a row. The tie-breaker follows the last key's direction, so an index
 * on (…, key) — whose entries end in the rowid — can deliver the order without a sort step.
 */
export function orderBySql(sort: readonly CaseSort[]): SQL {
  const keys = sort.length > 0 ? sort : DEFAULT_CASE_SORT;
  const parts = keys.map(
    (key) => sql`${SORT_SQL[key.column]} ${key.direction === 'asc' ? sql`ASC` : sql`DESC`}`,
  );
  const last = keys[keys.length - 1]?.direction ?? 'asc';
  parts.push(sql`${cases.rowNo} ${last === 'asc' ? sql`ASC` : sql`DESC`}`);
  return sql.join(parts, sql`, `);
}

export function getCaseRowById(db: ArchiveDb, id: string): CaseRow | undefined {
  return db.select().from(cases).where(eq(cases.id, id)).get();
}

export function getCaseRowByNumber(db: ArchiveDb, caseNo: string): CaseRow | undefined {
  return db.select().from(cases).where(eq(cases.caseNo, caseNo)).get();
}

export function requireCaseRow(db: ArchiveDb, id: string): CaseRow {
  const row = getCaseRowById(db, id);
  if (!row) throw new AppError('NOT_FOUND', `case ${id}`);
  return row;
}

export function countCases(db: ArchiveDb, where: SQL): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cases)
    .where(where)
    .get();
  return row?.n ?? 0;
}
