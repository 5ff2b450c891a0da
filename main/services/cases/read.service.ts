import { inArray } from 'drizzle-orm';
import { countCases as countCaseRows, getCaseRowById, rowToRecord } from '../../../db/repos/cases/cases.repo';
import { listAttachmentsOfCase } from '../../../db/repos/attachments.repo';
import { listCaseEvents } from '../../../db/repos/history.repo';
import { revealCaseRow, revealPayload } from '../../../db/pii/reveal';
import { users, type CaseRow } from '../../../db/schema';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CaseDeadlineInfo, CaseDetail, CaseHistoryEntry } from '../../../shared/domain/case-detail';
import {
  caseFilterSchema,
  caseListQuerySchema,
  type CaseFilter,
  type CaseListPage,
  type CaseListQuery,
  type CaseListRow,
} from '../../../shared/domain/case-query';
import { daysLeft } from '../../../shared/domain/deadlines';
import { availableActions } from '../../../shared/domain/lifecycle';
import { maskAccount, maskIdNumber, maskPhone } from '../../../shared/domain/masking';
import { can } from '../../../shared/domain/roles';
import { OPEN_STATUSES, type CaseAction } from '../../../shared/domain/status';
import {
  caseSettings,
  parseInput,
  readableCaseRow,
  requirePermission,
  scopedWhere,
  today,
} from './case-scope';
import type { ServiceContext } from '../context';
import { pageOfCases, type ListSourceRow } from './case-list';
import { requireBorrowedIfArchived } from '../borrowing/borrowing.service';
import { isCaseDisposed } from '../../../db/repos/disposed-case-guard';

/** Reading cases: one case with what may be done next, grid pages, counts, history. */

export function getCase(ctx: ServiceContext, id: string): CaseDetail {
  const row = readableCaseRow(ctx, id);
  requireBorrowedIfArchived(ctx, row);
  return toDetail(ctx, row);
}

export function toDetail(ctx: ServiceContext, row: CaseRow): CaseDetail {
  const now = today(ctx);
  const isMasked = !can(ctx.actor.role, 'pii:view');
  const record = rowToRecord(isMasked ? row : revealCaseRow(ctx.db.$client, row));
  const merged = row.mergedIntoCaseId ? getCaseRowById(ctx.db, row.mergedIntoCaseId) : undefined;
  const names = userNames(ctx, [row.handlerUserId, row.registeredBy]);
  const isDisposed = isCaseDisposed(ctx.db.$client, row.id);
  return {
    record: isMasked ? maskRecord(record) : record,
    closedDate: row.closedDate,
    availableActions: onlyWhatTheCaseAllows(
      row.transferredTo !== null || isDisposed,
      availableActions(
        {
          status: row.status,
          handlerUserId: row.handlerUserId,
          pausedSince: row.pausedSince,
          pausedDays: row.pausedDays,
          limitDays: record.deadline.limitDays,
          receivedDate: row.receivedDate,
          informedDate: row.informedDate,
          satisfaction: row.satisfaction,
          resolutionType: row.resolutionType,
        },
        ctx.actor.role,
        now,
      ),
    ),
    deadlineInfo: deadlineInfo(row, now, caseSettings(ctx).dueSoonDays),
    handlerName: row.handlerUserId ? (names.get(row.handlerUserId) ?? null) : null,
    registeredByName: names.get(row.registeredBy) ?? null,
    mergedIntoCaseNo: merged?.caseNo ?? null,
    transferredTo: row.transferredTo ?? null,
    transferredFrom: row.transferredFrom ?? null,
    isMasked,
    isDisposed,
    attachmentCount: listAttachmentsOfCase(ctx.db, row.id).length,
  };
}

/**
 * A case transferred away is worked at the other branch (requireWritable), a disposed case is a
 * shell (disposed-case-guard.ts): either can only be annotated here.
 */
function onlyWhatTheCaseAllows(annotateOnly: boolean, actions: CaseAction[]): CaseAction[] {
  return annotateOnly ? actions.filter((action) => action === 'annotate') : actions;
}

/**
 * The deadline as people see it; the same rules as the `deadline` filter in
 * db/queries/case-filter.ts: only open cases with a running clock are overdue or due soon. A case
 * transferred away is worked, and its days counted, at the receiving branch.
 */
export function deadlineInfo(
  row: Pick<CaseRow, 'status' | 'dueDate' | 'pausedSince' | 'decidedDate' | 'isOnTime' | 'transferredTo'>,
  todayDate: string,
  dueSoonDays: number,
): CaseDeadlineInfo {
  const isOpen = OPEN_STATUSES.includes(row.status) && !row.decidedDate && !row.transferredTo;
  const left = isOpen ? daysLeft(row.dueDate, todayDate) : null;
  const isRunning = isOpen && row.pausedSince === null;
  return {
    daysLeft: left,
    isOverdue: isRunning && left !== null && left < 0,
    isDueSoon: isRunning && left !== null && left >= 0 && left <= dueSoonDays,
    isPaused: row.pausedSince !== null,
    isOnTime: row.isOnTime,
  };
}

export function maskRecord(record: CaseRecord): CaseRecord {
  const c = record.complainant;
  return {
    ...record,
    accountNumber: record.accountNumber ? maskAccount(record.accountNumber) : record.accountNumber,
    complainant: {
      ...c,
      idNumber: c.idNumber ? maskIdNumber(c.idNumber) : c.idNumber,
      phone: c.phone ? maskPhone(c.phone) : c.phone,
      agentPhone: c.agentPhone ? maskPhone(c.agentPhone) : c.agentPhone,
    },
  };
}

export function listCases(ctx: ServiceContext, query: CaseListQuery): CaseListPage {
  requirePermission(ctx, 'case:read');
  const q = parseInput(caseListQuerySchema, query);
  const now = today(ctx);
  const { dueSoonDays } = caseSettings(ctx);
  const { rows, total } = pageOfCases(ctx, q, { today: now, dueSoonDays });
  const names = userNames(
    ctx,
    rows.map((r) => r.handlerUserId),
  );
  const isMasked = !can(ctx.actor.role, 'pii:view');
  const client = ctx.db.$client;
  return {
    rows: rows.map((row) =>
      toListRow(isMasked ? row : revealCaseRow(client, row), names, now, dueSoonDays, isMasked),
    ),
    total,
  };
}

function toListRow(
  row: ListSourceRow,
  names: Map<string, string>,
  todayDate: string,
  dueSoonDays: number,
  isMasked: boolean,
): CaseListRow {
  const info = deadlineInfo(row, todayDate, dueSoonDays);
  const mask = (value: string | null, fn: (v: string) => string) => (value && isMasked ? fn(value) : value);
  return {
    id: row.id,
    caseNo: row.caseNo,
    status: row.status,
    priority: row.priority,
    receivedAt: row.receivedAt,
    dueDate: row.dueDate,
    daysLeft: info.daysLeft,
    isOverdue: info.isOverdue,
    isDueSoon: info.isDueSoon,
    isPaused: info.isPaused,
    isOnTime: info.isOnTime,
    branchCode: row.branchCode,
    channelCode: row.channelCode,
    businessCode: row.businessCode,
    causeCode: row.causeCode,
    complainantName: row.complainantName,
    complainantPhone: mask(row.complainantPhone, maskPhone),
    complainantIdNumber: mask(row.complainantIdNumber, maskIdNumber),
    productName: row.productName,
    amountFen: row.amountFen,
    handlerUserId: row.handlerUserId,
    handlerName: row.handlerUserId ? (names.get(row.handlerUserId) ?? null) : null,
    requestSummary: summarise(row.requestText),
    isRepeat: row.riskRepeat,
    updatedAt: row.updatedAt,
  };
}

/** The first line of a request, cut to what a grid cell shows. */
export function summarise(text: string, max = 80): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const chars = [...firstLine];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : firstLine;
}

export function countCases(ctx: ServiceContext, filter: CaseFilter): number {
  requirePermission(ctx, 'case:read');
  return countCaseRows(ctx.db, scopedWhere(ctx, parseInput(caseFilterSchema, filter)));
}

/** The start screen's deadline tiles, counted exactly as the grid's deadline filters count. */
export function dueSummary(ctx: ServiceContext): { overdue: number; dueSoon: number; dueToday: number } {
  requirePermission(ctx, 'case:read');
  const now = today(ctx);
  return {
    overdue: countCaseRows(ctx.db, scopedWhere(ctx, { deadline: 'overdue' })),
    dueSoon: countCaseRows(ctx.db, scopedWhere(ctx, { deadline: 'due_soon' })),
    dueToday: countCaseRows(ctx.db, scopedWhere(ctx, { deadline: 'due_soon', dueFrom: now, dueTo: now })),
  };
}

export function getCaseHistory(ctx: ServiceContext, id: string): CaseHistoryEntry[] {
  requireBorrowedIfArchived(ctx, readableCaseRow(ctx, id));
  const events = listCaseEvents(ctx.db, id);
  const names = userNames(
    ctx,
    events.map((e) => e.actorUserId),
  );
  const isMasked = !can(ctx.actor.role, 'pii:view');
  return events.map((event) => ({
    id: event.id,
    type: event.type,
    at: event.at,
    actorUserId: event.actorUserId,
    actorName: event.actorUserId ? (names.get(event.actorUserId) ?? null) : null,
    // Sealed identifiers opened for a session holding the PII key, `****` for anyone else.
    payload: isMasked
      ? maskPayload(revealPayload(ctx.db.$client, JSON.parse(event.payload)))
      : revealPayload(ctx.db.$client, JSON.parse(event.payload)),
  }));
}

const PII_MASKS: Record<string, (value: string) => string> = {
  idNumber: maskIdNumber,
  complainantIdNumber: maskIdNumber,
  phone: maskPhone,
  agentPhone: maskPhone,
  complainantPhone: maskPhone,
  accountNumber: maskAccount,
};

/**
 * History payloads carry the registration and before/after values of edits; an actor who may not
 * see identifiers must not read them there either. Masks every string under an identifier key.
 */
function maskPayload(value: unknown, mask?: (v: string) => string): unknown {
  if (typeof value === 'string') return mask ? mask(value) : value;
  if (Array.isArray(value)) return value.map((item) => maskPayload(item, mask));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [
        key,
        maskPayload(v, PII_MASKS[key] ?? mask),
      ]),
    );
  }
  return value;
}

/** Display names of users by id, in one query. */
export function userNames(ctx: ServiceContext, ids: readonly (string | null)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}
