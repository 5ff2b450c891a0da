import { and, count, desc, eq, ne, or } from 'drizzle-orm';
import { cases, type CaseRow } from '../../../db/schema';
import { buildCaseWhere } from '../../../db/queries/case-filter';
import {
  customerHistoryQuerySchema,
  HISTORY_LIMIT,
  normaliseIdentifiers,
  type CustomerHistory,
  type CustomerHistoryEntry,
  type CustomerHistoryQuery,
} from '../../../shared/domain/customer-history';
import type { ServiceContext } from '../context';
import { parseInput, readableCaseRow, requirePermission, scopeOf, today } from './case-scope';
import { summarise } from './read.service';

/**
 * All cases of one complainant (no time window: the repeat window is for 重复投诉, this is the
 * whole record), newest first, within the branches the actor may see. Uses the ID-number, phone
 * and account indexes.
 */
export function customerHistory(ctx: ServiceContext, input: CustomerHistoryQuery): CustomerHistory {
  requirePermission(ctx, 'case:read');
  const q = parseInput(customerHistoryQuerySchema, input);
  const ids = normaliseIdentifiers(q);
  const same = or(
    ids.idNumber ? eq(cases.complainantIdNumber, ids.idNumber) : undefined,
    ids.phone ? eq(cases.complainantPhone, ids.phone) : undefined,
    ids.accountNumber ? eq(cases.accountNumber, ids.accountNumber) : undefined,
  );
  if (!same) return { total: 0, entries: [] };
  const where = and(
    buildCaseWhere({}, scopeOf(ctx), today(ctx), 0),
    same,
    q.excludeCaseId ? ne(cases.id, q.excludeCaseId) : undefined,
  );
  const total = ctx.db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
  const rows = ctx.db
    .select()
    .from(cases)
    .where(where)
    .orderBy(desc(cases.receivedAt), desc(cases.rowNo))
    .limit(HISTORY_LIMIT)
    .all();
  return { total, entries: rows.map((row) => toEntry(row, ids)) };
}

/** The history of a case's complainant, from the identifiers stored on the case (never sent masked). */
export function customerHistoryOfCase(ctx: ServiceContext, caseId: string): CustomerHistory {
  const row = readableCaseRow(ctx, caseId);
  return customerHistory(ctx, {
    idNumber: row.complainantIdNumber,
    phone: row.complainantPhone,
    accountNumber: row.accountNumber,
    excludeCaseId: caseId,
  });
}

function toEntry(row: CaseRow, ids: ReturnType<typeof normaliseIdentifiers>): CustomerHistoryEntry {
  const matchedBy: CustomerHistoryEntry['matchedBy'] = [];
  if (ids.idNumber && row.complainantIdNumber === ids.idNumber) matchedBy.push('id_number');
  if (ids.phone && row.complainantPhone === ids.phone) matchedBy.push('phone');
  if (ids.accountNumber && row.accountNumber === ids.accountNumber) matchedBy.push('account');
  return {
    caseId: row.id,
    caseNo: row.caseNo,
    status: row.status,
    receivedDate: row.receivedDate,
    complainantName: row.complainantName,
    businessCode: row.businessCode,
    causeCode: row.causeCode,
    requestSummary: summarise(row.requestText),
    resolutionType: row.resolutionType as CustomerHistoryEntry['resolutionType'],
    satisfaction: row.satisfaction as CustomerHistoryEntry['satisfaction'],
    matchedBy,
  };
}
