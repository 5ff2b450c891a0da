import { sql, type SQL } from 'drizzle-orm';
import { orderedRowNos, pickCasesByRowNos } from '../../../db/queries/case-list-cache';
import type { CaseScope } from '../../../db/queries/case-filter';
import { orderBySql } from '../../../db/repos/cases/cases.repo';
import { searchOrderSql } from '../../../db/repos/case-search.repo';
import type { ArchiveDb } from '../../../db/open';
import type { CaseRow } from '../../../db/schema';
import type { CaseFilter, CaseListQuery } from '../../../shared/domain/case-query';
import { scopedWhere, scopeOf } from './case-scope';
import type { ServiceContext } from '../context';

/**
 * One page of the grid and the number of cases that match, through the ordered-list cache
 * (db/queries/case-list-cache.ts): the first block of a filter + sort reads the matching row
 * numbers once, later blocks and the count come from memory.
 *
 * Order: the sort the user chose; with none, newest received first — except for a text search,
 * where "no sort" means newest registered first (row number), the order the full-text index
 * itself keeps, so a quick search over a million cases never has to read its matches to sort them.
 */
export function pageOfCases(
  ctx: ServiceContext,
  q: CaseListQuery,
  asOf: ListAsOf,
): { rows: ListSourceRow[]; total: number } {
  const rowNos = orderedRowNos(ctx.db, listKey(ctx, q, asOf), () => listSql(ctx, q));
  return {
    rows: pickCasesByRowNos(ctx.db, rowNos.subarray(q.startRow, q.endRow), LIST_SOURCE_COLUMNS),
    total: rowNos.length,
  };
}

/** The columns a grid row is made of (cases-read.service.ts toListRow). */
const LIST_SOURCE_COLUMNS = [
  'id',
  'caseNo',
  'status',
  'priority',
  'receivedAt',
  'dueDate',
  'pausedSince',
  'decidedDate',
  'isOnTime',
  'transferredTo',
  'branchCode',
  'channelCode',
  'businessCode',
  'causeCode',
  'complainantName',
  'complainantPhone',
  'complainantIdNumber',
  'complainantPhoneSealed',
  'complainantIdNumberSealed',
  'productName',
  'amountFen',
  'handlerUserId',
  'requestText',
  'riskRepeat',
  'updatedAt',
] as const satisfies readonly (keyof CaseRow)[];
export type ListSourceRow = Pick<CaseRow, (typeof LIST_SOURCE_COLUMNS)[number]>;

/** What a deadline filter is relative to; the caller reads it once per block and uses it for the rows too. */
export interface ListAsOf {
  today: string;
  dueSoonDays: number;
}

/** Everything the list depends on: the filter as this actor sees it, the sort, and the deadline reference. */
function listKey(ctx: ServiceContext, q: CaseListQuery, asOf: ListAsOf): string {
  return JSON.stringify({ filter: q.filter, sort: q.sort, scope: scopeOf(ctx), ...asOf });
}

function listSql(ctx: ServiceContext, q: CaseListQuery): SQL {
  const isSearchOrder = q.sort.length === 0 && (q.filter.text?.trim() ?? '') !== '';
  if (isSearchOrder && isTextOnly(q.filter) && seesEveryCase(ctx.db, scopeOf(ctx))) {
    const fromIndex = searchOrderSql(q.filter.text);
    if (fromIndex) return fromIndex;
  }
  const order = isSearchOrder ? sql`row_no DESC` : orderBySql(q.sort);
  return sql`SELECT row_no FROM cases WHERE ${scopedWhere(ctx, q.filter)} ORDER BY ${order}`;
}

function isTextOnly(filter: CaseFilter): boolean {
  return Object.entries(filter).every(([key, value]) => key === 'text' || value === undefined);
}

/**
 * Whether the scope leaves out no case of this archive. A branch's own archive holds (nearly)
 * only its own cases, so a clerk scoped to the branch usually sees them all and can search the
 * full-text index without reading each match's branch. Two index probes either side of the branch.
 */
function seesEveryCase(db: ArchiveDb, scope: CaseScope): boolean {
  if (scope.branchCodes === null) return true;
  if (scope.branchCodes.length !== 1) return false;
  const [branch] = scope.branchCodes;
  const outside = db.$client
    .prepare('SELECT EXISTS (SELECT 1 FROM cases WHERE branch_code < ? OR branch_code > ?)')
    .pluck()
    .get(branch, branch) as number;
  return outside === 0;
}
