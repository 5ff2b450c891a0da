import { v7 as uuidv7 } from 'uuid';
import { getCaseRowByNumber } from '../../../db/repos/cases/cases.repo';
import { appendEvent } from '../../../db/repos/history.repo';
import { transferAwaitingHq } from '../sync/transfer/transfer-at-hq';
import {
  decideBatch,
  getBatchRow,
  insertBatch,
  itemsOfBatch,
  listBatchRows,
  retentionMarks,
} from '../../../db/repos/retention.repo';
import { findUserById } from '../../../db/repos/users.repo';
import type { DisposalBatchRow, DisposalItemRow } from '../../../db/schema';
import {
  decideDisposalSchema,
  proposeDisposalSchema,
  type DecideDisposalInput,
  type DisposalBatchKind,
  type CaseRetentionView,
  type DisposalBatchView,
  type DisposalListView,
  type ProposeDisposalInput,
} from '../../../shared/domain/disposal';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import { isInScope, readableCaseRow, scopeOf, today } from '../cases/case-scope';
import type { ServiceContext } from '../context';
import { assessCase, blockerOf, endedCasesPossiblyPast, refuseBlocked } from './disposal-eligibility';
import { carryOutBatch } from './disposal-run';
import { retentionYears } from './retention-settings.service';

/**
 * Disposal with two people (销毁审批): a supervisor or administrator proposes a batch, a DIFFERENT
 * one approves it — then it is carried out at once (disposal-run.ts) — or refuses it. Every rule is
 * checked here, again at approval (a hold placed since the proposal stops it).
 */

/** Cases past retention in the actor's scope (held ones included and flagged), oldest closed first. */
export function listDisposable(
  ctx: ServiceContext,
  page: { offset?: number; limit?: number } = {},
): DisposalListView {
  requirePermission(ctx, 'case:approve');
  const years = retentionYears(ctx);
  const day = today(ctx);
  const marks = retentionMarks(ctx.db);
  const rows = endedCasesPossiblyPast(ctx.db, years, day, scopeOf(ctx).branchCodes);
  const past = rows
    .map((row) => assessCase(row, marks, years, day))
    .filter((c) => c.isPastRetention && !marks.disposed.has(c.caseId));
  const offset = page.offset ?? 0;
  const items = past.slice(offset, offset + (page.limit ?? 200)).map(({ isPastRetention: _, ...c }) => c);
  return { today: day, years, total: past.length, items };
}

export function proposeDisposal(ctx: ServiceContext, input: ProposeDisposalInput): DisposalBatchView {
  requirePermission(ctx, 'case:approve');
  const request = parseInput(proposeDisposalSchema, input);
  const caseIds = [...new Set(request.caseIds)];
  const at = ctx.clock.now();
  const batch: DisposalBatchRow = {
    id: uuidv7(),
    kind: request.kind,
    status: 'proposed',
    reason: request.reason,
    branchCode: ctx.actor.branchCode,
    proposedBy: ctx.actor.userId,
    proposedAt: at,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  };
  ctx.db.transaction(() => {
    const items = checkedItems(ctx, batch.id, request.kind, caseIds, null);
    insertBatch(ctx.db, batch, items);
    appendEvent(ctx.db, {
      caseId: null,
      type: 'disposal.proposed',
      actorUserId: ctx.actor.userId,
      at,
      payload: { batchId: batch.id, kind: batch.kind, caseNos: items.map((item) => item.caseNo) },
    });
  });
  return getDisposalBatch(ctx, batch.id);
}

/** The batch's cases, each checked now: any blocker refuses the whole batch, naming the case. */
function checkedItems(
  ctx: ServiceContext,
  batchId: string,
  kind: DisposalBatchKind,
  caseIds: readonly string[],
  ownBatchId: string | null,
): DisposalItemRow[] {
  const years = retentionYears(ctx);
  const day = today(ctx);
  const marks = retentionMarks(ctx.db);
  return caseIds.map((caseId) => {
    const row = readableCaseRow(ctx, caseId);
    const assessed = assessCase(row, marks, years, day);
    const blocker =
      blockerOf(assessed, kind, marks, ownBatchId) ??
      (transferAwaitingHq(ctx.db, caseId) ? 'transferUnsynced' : null);
    if (blocker) refuseBlocked(assessed, blocker);
    return {
      batchId,
      caseId,
      caseNo: row.caseNo,
      businessCode: row.businessCode,
      closedDate: row.closedDate!,
      retentionClass: assessed.retentionClass,
      retainUntil: kind === 'retention' ? assessed.retainUntil : null,
      attachmentCount: null,
      destroyedSha256: null,
      disposedAt: null,
    };
  });
}

/** A batch waiting for approval, in the actor's scope. */
function openBatch(ctx: ServiceContext, batchId: string): DisposalBatchRow {
  const batch = getBatchRow(ctx.db, batchId);
  if (!batch || !isInScope(scopeOf(ctx), batch.branchCode))
    throw new AppError('NOT_FOUND', `batch ${batchId}`);
  if (batch.status !== 'proposed') throw new AppError('CONFLICT', `batch ${batchId} is ${batch.status}`);
  return batch;
}

/** The second person approves: the batch is re-checked and carried out in one transaction. */
export function approveDisposal(ctx: ServiceContext, input: DecideDisposalInput): DisposalBatchView {
  requirePermission(ctx, 'case:approve');
  const { batchId, note } = parseInput(decideDisposalSchema, input);
  const batch = openBatch(ctx, batchId);
  if (batch.proposedBy === ctx.actor.userId) {
    throw new AppError('SAME_PERSON', `${ctx.actor.username} proposed batch ${batchId}`);
  }
  const items = itemsOfBatch(ctx.db, batchId);
  // Re-checked now: a hold placed, a document marked permanent or a case reopened since the proposal.
  checkedItems(
    ctx,
    batchId,
    batch.kind,
    items.map((item) => item.caseId),
    batchId,
  );
  carryOutBatch(ctx, batch, items, note);
  return getDisposalBatch(ctx, batchId);
}

/** The second person refuses: nothing is destroyed; the cases may be proposed again. */
export function refuseDisposal(ctx: ServiceContext, input: DecideDisposalInput): DisposalBatchView {
  requirePermission(ctx, 'case:approve');
  const { batchId, note } = parseInput(decideDisposalSchema, input);
  const batch = openBatch(ctx, batchId);
  const at = ctx.clock.now();
  ctx.db.transaction(() => {
    decideBatch(ctx.db, batchId, {
      status: 'refused',
      decidedBy: ctx.actor.userId,
      decidedAt: at,
      decisionNote: note,
    });
    appendEvent(ctx.db, {
      caseId: null,
      type: 'disposal.refused',
      actorUserId: ctx.actor.userId,
      at,
      payload: { batchId, kind: batch.kind, proposedBy: batch.proposedBy },
    });
  });
  return getDisposalBatch(ctx, batchId);
}

export function getDisposalBatch(ctx: ServiceContext, batchId: string): DisposalBatchView {
  requirePermission(ctx, 'case:approve');
  const batch = getBatchRow(ctx.db, batchId);
  if (!batch || !isInScope(scopeOf(ctx), batch.branchCode))
    throw new AppError('NOT_FOUND', `batch ${batchId}`);
  return toView(ctx, batch, itemsOfBatch(ctx.db, batchId));
}

export function listDisposalBatches(ctx: ServiceContext): DisposalBatchView[] {
  requirePermission(ctx, 'case:approve');
  const scope = scopeOf(ctx);
  return listBatchRows(ctx.db)
    .filter((batch) => isInScope(scope, batch.branchCode))
    .map((batch) => toView(ctx, batch, itemsOfBatch(ctx.db, batch.id)));
}

function nameOf(ctx: ServiceContext, userId: string): string {
  return findUserById(ctx.db, userId)?.displayName ?? userId;
}

function toView(ctx: ServiceContext, batch: DisposalBatchRow, items: DisposalItemRow[]): DisposalBatchView {
  return {
    ...batch,
    proposedByName: nameOf(ctx, batch.proposedBy),
    decidedByName: batch.decidedBy ? nameOf(ctx, batch.decidedBy) : null,
    items: items.map(({ batchId: _, ...item }) => item),
  };
}

/** For the case screen: the case's retention, hold and disposal state. */
export function caseRetention(
  ctx: ServiceContext,
  caseId: string,
): CaseRetentionView & { isDisposed: boolean } {
  const row = readableCaseRow(ctx, caseId);
  const marks = retentionMarks(ctx.db);
  const { isPastRetention: _, ...assessed } = assessCase(row, marks, retentionYears(ctx), today(ctx));
  return { ...assessed, isDisposed: marks.disposed.has(caseId) };
}

/** A case named by its number (a PIPL request names the case), in the actor's scope. */
export function findCaseForDisposal(
  ctx: ServiceContext,
  caseNo: string,
): CaseRetentionView & { isDisposed: boolean } {
  requirePermission(ctx, 'case:approve');
  const row = getCaseRowByNumber(ctx.db, caseNo.trim().toUpperCase());
  if (!row) throw new AppError('NOT_FOUND', `case ${caseNo}`);
  return caseRetention(ctx, row.id);
}
