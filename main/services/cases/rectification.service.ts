import { v7 as uuidv7 } from 'uuid';
import {
  getRectification,
  insertRectification,
  overdueRectifications,
  rectificationsOfCase,
  updateRectification,
} from '../../../db/repos/case-work.repo';
import { updateCase } from '../../../db/repos/cases/case-writer';
import type { RectificationRow } from '../../../db/schema';
import {
  canMoveRectification,
  rectificationActionInputSchema,
  rectificationMoveSchema,
  rootCauseInputSchema,
  type RectificationAction,
  type RectificationActionInput,
  type RectificationMove,
  type RootCauseInput,
} from '../../../shared/domain/rectification';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { diffFields, parseInput, readableCaseRow, requirePermission, scopeOf, today } from './case-scope';
import { fieldProblem, recordCaseEvent, requireDate, staleVersion, writableCase } from './case-work-common';
import { requireBorrowedIfArchived } from '../borrowing/borrowing.service';

/**
 * Rectification (溯源整改): the case's coded root cause and its improvement actions, followed up
 * planned → in progress → done → verified. A handler plans and carries out; only a supervisor
 * (case:approve) verifies, or sends a done action back for more work.
 */

export function setRootCause(ctx: ServiceContext, caseId: string, input: RootCauseInput): void {
  requirePermission(ctx, 'case:handle');
  const parsed = parseInput(rootCauseInputSchema, input);
  ctx.db.transaction(() => {
    const row = writableCase(ctx, caseId);
    const columns = { internalCause: parsed.internalCause, rootCause: parsed.rootCause ?? row.rootCause };
    const changes = diffFields(row, columns);
    if (Object.keys(changes).length === 0) return;
    updateCase(ctx.db, caseId, row.version, columns, {
      type: 'case.root_cause_set',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { changes },
    });
  });
}

export function addRectificationAction(
  ctx: ServiceContext,
  caseId: string,
  input: RectificationActionInput,
): RectificationAction {
  requirePermission(ctx, 'case:handle');
  const parsed = parseInput(rectificationActionInputSchema, input);
  requireDate('dueDate', parsed.dueDate);
  return ctx.db.transaction(() => {
    writableCase(ctx, caseId);
    const now = ctx.clock.now();
    const row = insertRectification(ctx.db, {
      id: uuidv7(),
      caseId,
      ...parsed,
      status: 'planned',
      evidence: null,
      doneDate: null,
      verifiedBy: null,
      verifiedDate: null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    recordCaseEvent(ctx, caseId, 'case.rectification_added', { action: row });
    return row;
  });
}

export function moveRectificationAction(
  ctx: ServiceContext,
  actionId: string,
  expectedVersion: number,
  move: RectificationMove,
): RectificationAction {
  requirePermission(ctx, 'case:handle');
  const parsed = parseInput(rectificationMoveSchema, move);
  return ctx.db.transaction(() => {
    const current = getRectification(ctx.db, actionId);
    if (!current) throw new AppError('NOT_FOUND', `rectification ${actionId}`);
    writableCase(ctx, current.caseId);
    if (!canMoveRectification(current.status, parsed.to)) {
      throw fieldProblem('to', 'stepSkipped', `rectification ${current.status} → ${parsed.to}`);
    }
    // Verifying, or refusing to verify, is the supervisor's call.
    if (parsed.to === 'verified' || current.status === 'done') requirePermission(ctx, 'case:approve');
    const patch = movePatch(ctx, parsed);
    const row = updateRectification(ctx.db, actionId, expectedVersion, patch);
    if (!row) throw staleVersion('rectification', actionId, expectedVersion);
    recordCaseEvent(ctx, current.caseId, 'case.rectification_moved', {
      from: current.status,
      to: parsed.to,
      note: parsed.note ?? null,
      action: row,
    });
    return row;
  });
}

function movePatch(ctx: ServiceContext, move: RectificationMove): Partial<RectificationRow> {
  return rectificationMovePatch(move, { userId: ctx.actor.userId, now: ctx.clock.now(), today: today(ctx) });
}

/** What a move writes on the action (the service and the seed write exactly this). */
export function rectificationMovePatch(
  move: RectificationMove,
  by: { userId: string; now: number; today: string },
): Partial<RectificationRow> {
  const patch: Partial<RectificationRow> = { status: move.to, updatedAt: by.now };
  if (move.to === 'done') {
    if (!move.evidence) throw fieldProblem('evidence', 'evidenceRequired', 'done without evidence');
    Object.assign(patch, { evidence: move.evidence, doneDate: by.today });
  }
  if (move.to === 'in_progress') Object.assign(patch, { doneDate: null });
  if (move.to === 'verified') Object.assign(patch, { verifiedBy: by.userId, verifiedDate: by.today });
  return patch;
}

export function listRectificationActions(ctx: ServiceContext, caseId: string): RectificationAction[] {
  requireBorrowedIfArchived(ctx, readableCaseRow(ctx, caseId));
  return rectificationsOfCase(ctx.db, caseId);
}

export interface OverdueRectification extends RectificationAction {
  caseNo: string;
  branchCode: string;
}

/** Actions planned or in progress whose due date has passed, oldest due first, within the actor's branches. */
export function listOverdueRectifications(ctx: ServiceContext): OverdueRectification[] {
  requirePermission(ctx, 'case:read');
  return overdueRectifications(ctx.db, today(ctx), scopeOf(ctx).branchCodes).map((r) => ({
    ...r.action,
    caseNo: r.caseNo,
    branchCode: r.branchCode,
  }));
}
