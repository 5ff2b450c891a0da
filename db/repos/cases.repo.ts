import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { SortableColumn } from '../../shared/domain/case-query';
import { AppError } from '../../shared/errors';
import type { ArchiveDb } from '../open';
import { catchUpSearchIndex } from './case-search.repo';
import { cases, type CaseRow, type NewCaseRow } from '../schema';

export { rowToRecord, registrationColumns, handlingColumns } from './cases-mapping';

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

/** Backlog a registration indexes itself (a few ms); above it, the cases wait for the background indexer. */
const REGISTRATION_INDEX_MAX_BACKLOG = 500;

export function insertCase(db: ArchiveDb, row: NewCaseRow): CaseRow {
  const inserted = db.insert(cases).values(row).returning().get();
  // Indexed now unless a bulk load's backlog is waiting; the background indexer takes it then.
  catchUpSearchIndex(db, REGISTRATION_INDEX_MAX_BACKLOG);
  return inserted;
}

export function getCaseRowById(db: ArchiveDb, id: string): CaseRow | undefined {
  return db.select().from(cases).where(eq(cases.id, id)).get();
}

export function requireCaseRow(db: ArchiveDb, id: string): CaseRow {
  const row = getCaseRowById(db, id);
  if (!row) throw new AppError('NOT_FOUND', `case ${id}`);
  return row;
}

/**
 * Applies `patch` if the case is still at `expectedVersion`, and bumps the version. Someone else's
 * save in between (another window, a sync) makes this a CONFLICT rather than a silent overwrite.
 */
export function updateCaseRow(
  db: ArchiveDb,
  id: string,
  expectedVersion: number,
  patch: Partial<NewCaseRow>,
  updatedAt: number,
): CaseRow {
  const { id: _id, rowNo: _rowNo, version: _version, ...columns } = patch;
  const updated = db
    .update(cases)
    .set({ ...columns, updatedAt, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.id, id), eq(cases.version, expectedVersion)))
    .returning()
    .get();
  if (updated) return updated;
  const current = getCaseRowById(db, id);
  if (!current) throw new AppError('NOT_FOUND', `case ${id}`);
  throw new AppError('CONFLICT', `case ${id} is at version ${current.version}, not ${expectedVersion}`);
}

export function countCases(db: ArchiveDb, where: SQL): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(cases)
    .where(where)
    .get();
  return row?.n ?? 0;
}
