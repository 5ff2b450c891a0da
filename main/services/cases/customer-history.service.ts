import { and, count, desc, ne } from 'drizzle-orm';
import {
  identifierKeys,
  matchingIdentifiers,
  sameIdentifierCondition,
  type IdentifierKeys,
} from '../../../db/pii/identifier-match';
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
import { requireBorrowedIfArchived } from '../borrowing/borrowing.service';

/**
 * All cases of one complainant (no time window: the repeat window is for 重复投诉, this is the
 * whole record), newest first, within the branches the actor may see. Uses the ID-number, phone
 * and account indexes.
 */
export function customerHistory(ctx: ServiceContext, input: CustomerHistoryQuery): CustomerHistory {
  requirePermission(ctx, 'case:read');
  const q = parseInput(customerHistoryQuerySchema, input);
  return historyOf(ctx, identifierKeys(ctx.db, normaliseIdentifiers(q)), q.excludeCaseId ?? null);
}

/** Matched on the blind index (identifiers are sealed, db/pii); spacing and dashes do not matter. */
function historyOf(ctx: ServiceContext, keys: IdentifierKeys, excludeCaseId: string | null): CustomerHistory {
  const same = sameIdentifierCondition(keys);
  if (!same) return { total: 0, entries: [] };
  const where = and(
    buildCaseWhere({}, scopeOf(ctx), today(ctx), 0),
    same,
    excludeCaseId ? ne(cases.id, excludeCaseId) : undefined,
  );
  const total = ctx.db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
  const rows = ctx.db
    .select()
    .from(cases)
    .where(where)
    .orderBy(desc(cases.receivedAt), desc(cases.rowNo))
    .limit(HISTORY_LIMIT)
    .all();
  return { total, entries: rows.map((row) => toEntry(row, keys)) };
}

/** The history of a case's complainant, from the blind-index entries stored on the case (no plaintext needed). */
export function customerHistoryOfCase(ctx: ServiceContext, caseId: string): CustomerHistory {
  requirePermission(ctx, 'case:read');
  const row = readableCaseRow(ctx, caseId);
  // The case's own complainant is read from the case: an archived one needs a loan, as its page does.
  requireBorrowedIfArchived(ctx, row);
  const keys: IdentifierKeys = {
    idNumber: row.complainantIdNumberBidx,
    phone: row.complainantPhoneBidx,
    accountNumber: row.accountNumberBidx,
  };
  return historyOf(ctx, keys, caseId);
}

function toEntry(row: CaseRow, keys: IdentifierKeys): CustomerHistoryEntry {
  const matchedBy: CustomerHistoryEntry['matchedBy'] = [];
  const same = matchingIdentifiers(row, keys);
  if (same.idNumber) matchedBy.push('id_number');
  if (same.phone) matchedBy.push('phone');
  if (same.accountNumber) matchedBy.push('account');
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
