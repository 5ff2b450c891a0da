import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { appendEvent } from '../../../db/repos/history.repo';
import { borrowRequests, cases, users, type BorrowRequestRow } from '../../../db/schema';
import type { CaseRow } from '../../../db/schema';
import {
  borrowDecisionSchema,
  borrowRequestInputSchema,
  isBorrowActive,
  type BorrowRequest,
  type BorrowRequestInput,
} from '../../../shared/domain/borrowing';
import { can } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import { readableCaseRow } from '../cases/case-scope';
import type { ServiceContext } from '../context';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Borrowing (借阅) of archived cases. Supervisors and admins (`case:approve`) keep the archive and
 * read it directly; everyone else reads an archived case's detail, history, attachments and
 * letters only while a request of theirs, approved by a supervisor, runs. Access ends when the
 * period does: checked on every read (requireBorrowedIfArchived), nothing to revoke.
 */
export function isCustodian(ctx: ServiceContext): boolean {
  return can(ctx.actor.role, 'case:approve');
}

function activeBorrow(ctx: ServiceContext, caseId: string): BorrowRequestRow | undefined {
  const now = ctx.clock.now();
  return ctx.db
    .select()
    .from(borrowRequests)
    .where(
      and(
        eq(borrowRequests.caseId, caseId),
        eq(borrowRequests.requesterUserId, ctx.actor.userId),
        eq(borrowRequests.status, 'approved'),
      ),
    )
    .all()
    .find((row) => isBorrowActive(row, now));
}

/** The read services call this after the scope check: BORROW_REQUIRED for an archived case not lent. */
export function requireBorrowedIfArchived(ctx: ServiceContext, row: CaseRow): void {
  if (row.status !== 'archived' || isCustodian(ctx)) return;
  if (!activeBorrow(ctx, row.id)) throw new AppError('BORROW_REQUIRED', `case ${row.id} is archived`);
}

/**
 * The same rule for bulk reads of case rows (exports, `cases` in the query): nothing for
 * custodians; for anyone else, archived cases only while an approved loan of theirs runs. A
 * condition, not a refusal, so an export of many cases simply leaves out what the actor may not read.
 */
export function lentOrNotArchivedSql(ctx: ServiceContext): SQL | undefined {
  if (isCustodian(ctx)) return undefined;
  return sql`(${cases.status} <> 'archived' OR ${cases.id} IN (SELECT ${borrowRequests.caseId} FROM ${borrowRequests}
    WHERE ${borrowRequests.requesterUserId} = ${ctx.actor.userId} AND ${borrowRequests.status} = 'approved'
    AND ${borrowRequests.expiresAt} > ${ctx.clock.now()}))`;
}

function recordEvent(ctx: ServiceContext, type: string, row: BorrowRequestRow): void {
  appendEvent(ctx.db, {
    caseId: row.caseId,
    type,
    actorUserId: ctx.actor.userId,
    at: ctx.clock.now(),
    payload: { request: row },
  });
}

export function requestBorrow(ctx: ServiceContext, input: BorrowRequestInput): BorrowRequest {
  const request = parseInput(borrowRequestInputSchema, input);
  const caseRow = readableCaseRow(ctx, request.caseId);
  if (caseRow.status !== 'archived')
    throw new AppError('VALIDATION', 'case is not archived', {
      fields: { caseId: 'borrowing.validation.notArchived' },
    });
  const row: BorrowRequestRow = {
    id: uuidv7(),
    caseId: caseRow.id,
    requesterUserId: ctx.actor.userId,
    reason: request.reason,
    days: request.days,
    status: 'requested',
    requestedAt: ctx.clock.now(),
    decidedByUserId: null,
    decidedAt: null,
    decisionNote: null,
    expiresAt: null,
  };
  ctx.db.transaction(() => {
    ctx.db.insert(borrowRequests).values(row).run();
    recordEvent(ctx, 'case.borrow_requested', row);
  });
  return getBorrowRequest(ctx, row.id);
}

/** A supervisor approves or refuses; never their own request. Access runs `days` days from approval. */
export function decideBorrow(
  ctx: ServiceContext,
  input: { id: string; isApproved: boolean; note?: string },
): BorrowRequest {
  requirePermission(ctx, 'case:approve');
  const decision = parseInput(borrowDecisionSchema, input);
  return ctx.db.transaction(() => {
    const row = ctx.db.select().from(borrowRequests).where(eq(borrowRequests.id, decision.id)).get();
    if (!row) throw new AppError('NOT_FOUND', `borrow request ${decision.id}`);
    readableCaseRow(ctx, row.caseId);
    if (row.status !== 'requested') throw new AppError('CONFLICT', `borrow request is ${row.status}`);
    if (row.requesterUserId === ctx.actor.userId)
      throw new AppError('VALIDATION', 'own request', { fields: { id: 'borrowing.validation.ownRequest' } });
    const now = ctx.clock.now();
    const decided: BorrowRequestRow = {
      ...row,
      status: decision.isApproved ? 'approved' : 'refused',
      decidedByUserId: ctx.actor.userId,
      decidedAt: now,
      decisionNote: decision.note ?? null,
      expiresAt: decision.isApproved ? now + row.days * DAY_MS : null,
    };
    ctx.db.update(borrowRequests).set(decided).where(eq(borrowRequests.id, row.id)).run();
    recordEvent(ctx, decision.isApproved ? 'case.borrow_approved' : 'case.borrow_refused', decided);
    return getBorrowRequest(ctx, row.id);
  });
}

function toView(ctx: ServiceContext, row: BorrowRequestRow): BorrowRequest {
  const nameOf = (id: string | null) =>
    id
      ? (ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, id)).get()?.name ?? null)
      : null;
  const caseNo = ctx.db
    .select({ caseNo: cases.caseNo })
    .from(cases)
    .where(eq(cases.id, row.caseId))
    .get()?.caseNo;
  return {
    ...row,
    caseNo: caseNo ?? null,
    requesterName: nameOf(row.requesterUserId),
    decidedByName: nameOf(row.decidedByUserId),
  };
}

function getBorrowRequest(ctx: ServiceContext, id: string): BorrowRequest {
  const row = ctx.db.select().from(borrowRequests).where(eq(borrowRequests.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', `borrow request ${id}`);
  return toView(ctx, row);
}

/** Custodians see every request (newest first); others their own. Optionally one case only. */
export function listBorrowRequests(ctx: ServiceContext, filter: { caseId?: string } = {}): BorrowRequest[] {
  requirePermission(ctx, 'case:read');
  const conditions = [
    ...(filter.caseId ? [eq(borrowRequests.caseId, filter.caseId)] : []),
    ...(isCustodian(ctx) ? [] : [eq(borrowRequests.requesterUserId, ctx.actor.userId)]),
  ];
  return ctx.db
    .select()
    .from(borrowRequests)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(borrowRequests.requestedAt))
    .limit(200)
    .all()
    .map((row) => toView(ctx, row));
}
