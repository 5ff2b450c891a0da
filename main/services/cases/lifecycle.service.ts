import { requireCaseRow } from '../../../db/repos/cases/cases.repo';
import { updateCase } from '../../../db/repos/cases/case-writer';
import { findUserById } from '../../../db/repos/users.repo';
import { can, type Role } from '../../../shared/domain/roles';
import { calendarRule } from '../../../db/repos/holidays.repo';
import type { ArchiveDb } from '../../../db/open';
import type { CaseRow, NewCaseRow } from '../../../db/schema';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { computeDueDate, type CalendarRule } from '../../../shared/domain/deadlines';
import {
  planTransition,
  transitionInputSchema,
  type CaseChanges,
  type LifecycleCase,
  type TransitionInput,
} from '../../../shared/domain/lifecycle';
import { OPEN_STATUSES } from '../../../shared/domain/status';
import { AppError } from '../../../shared/errors';
import { caseFieldError } from '../../../shared/i18n/cases';
import { lifecycleFieldError } from '../../../shared/i18n/lifecycle';
import { requireContactOfCase } from './contacts.service';
import { annotateCase } from './edit.service';
import { toDetail } from './read.service';
import {
  caseSettings,
  diffFields,
  parseInput,
  readableCaseRow,
  requireWritable,
  requirePermission,
  today,
} from './case-scope';
import type { ServiceContext } from '../context';
import { z } from 'zod';

/** Moving a case through its lifecycle (shared/domain/lifecycle.ts decides; this writes). */

export function lifecycleCaseOf(row: CaseRow): LifecycleCase {
  return {
    status: row.status,
    handlerUserId: row.handlerUserId,
    pausedSince: row.pausedSince,
    pausedDays: row.pausedDays,
    limitDays: row.limitDays as LifecycleCase['limitDays'],
    receivedDate: row.receivedDate,
    informedDate: row.informedDate,
    satisfaction: row.satisfaction,
    resolutionType: row.resolutionType,
  };
}

/**
 * Applies one lifecycle action at `expectedVersion`. A refused action (illegal, forbidden, invalid,
 * read-only, stale) throws before anything is written, so the case and its history stay as they were.
 */
export function transitionCase(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: TransitionInput,
): CaseDetail {
  const parsed = parseInput(transitionInputSchema, input);
  if (parsed.action === 'merge') {
    mergeCase(
      ctx,
      { sourceCaseId: id, survivorCaseId: parsed.survivorCaseId, reason: parsed.reason },
      expectedVersion,
    );
    return toDetail(ctx, requireCaseRow(ctx.db, id));
  }
  if (parsed.action === 'annotate') {
    annotateCase(ctx, id, parsed.text);
    return toDetail(ctx, requireCaseRow(ctx.db, id));
  }
  readableCaseRow(ctx, id); // scope: another branch's case is NOT_FOUND
  const updated = ctx.db.transaction(() => {
    const current = requireCaseRow(ctx.db, id);
    // A stale screen is told so before anything else: its idea of the status may be wrong too.
    requireVersion(current, expectedVersion);
    if (current.transferredTo) requireWritable(current);
    if (parsed.action === 'assign') requireEligibleHandler(ctx.db, current, parsed.handlerUserId);
    if (parsed.action === 'start_investigation') requireOwnDeclaration(ctx, current.handlerUserId);
    if ('contactId' in parsed && parsed.contactId) requireContactOfCase(ctx, id, parsed.contactId);
    const rule = calendarRule(ctx.db, caseSettings(ctx).calendarMode);
    const write = transitionWrite(current, parsed, ctx.actor, today(ctx), rule);
    return updateCase(ctx.db, id, expectedVersion, write.patch, {
      type: write.eventType,
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: write.payload,
    });
  });
  return toDetail(ctx, updated);
}

/** What one lifecycle action writes: the row's changes and the event that explains them. */
export interface TransitionWrite {
  patch: Partial<NewCaseRow>;
  eventType: string;
  payload: Record<string, unknown>;
}

/**
 * The write of one lifecycle action on `current`, decided by the rules (shared/domain/lifecycle.ts)
 * with the deadline that follows; throws the refusal. The service and the seed
 * (main/services/seed/) both write exactly this, so a seeded history is one the app could have made.
 */
export function transitionWrite(
  current: CaseRow,
  input: TransitionInput,
  actor: { userId: string; role: Role },
  todayDate: string,
  rule: CalendarRule,
): TransitionWrite {
  const plan = planOrThrow(actor, current, input, todayDate);
  const patch = withDerivedDeadline(current, plan.changes, rule);
  return {
    patch,
    eventType: plan.eventType,
    payload: {
      action: input.action,
      from: plan.from,
      to: plan.to,
      input,
      changes: diffFields(current, patch),
    },
  };
}

/** 回避 is personal: only the assigned handler declares it (and so starts the investigation). */
function requireOwnDeclaration(ctx: ServiceContext, handlerUserId: string | null): void {
  if (handlerUserId === null || handlerUserId === ctx.actor.userId) return;
  throw new AppError('VALIDATION', 'the declaration is the assigned handler’s own', {
    fields: { conflictDeclaration: lifecycleFieldError('declarationByHandler') },
  });
}

/**
 * The assignee must exist, be active, be allowed to handle cases, and work for the case's branch
 * (or for every branch): the UI offers only such people, but the rule holds here, where the data is.
 */
function requireEligibleHandler(db: ArchiveDb, row: CaseRow, handlerUserId: string): void {
  const handler = findUserById(db, handlerUserId);
  const isEligible =
    handler !== undefined &&
    handler.isActive &&
    can(handler.role, 'case:handle') &&
    (handler.branchCode === row.branchCode || can(handler.role, 'branch:all'));
  if (!isEligible) {
    throw new AppError('VALIDATION', `user ${handlerUserId} cannot handle case ${row.id}`, {
      fields: { handlerUserId: caseFieldError('handlerNotEligible') },
    });
  }
}

function requireVersion(row: CaseRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw new AppError('CONFLICT', `case ${row.id} is at version ${row.version}, not ${expectedVersion}`);
  }
}

function planOrThrow(
  actor: { userId: string; role: Role },
  row: CaseRow,
  input: TransitionInput,
  todayDate: string,
) {
  const plan = planTransition(lifecycleCaseOf(row), input, actor, todayDate);
  if (plan.ok) return plan;
  throw new AppError(plan.code, `${input.action} refused on ${row.status} case ${row.id}`, {
    fields: plan.fields,
    params: { from: row.status, action: input.action },
  });
}

/**
 * The plan's changes plus what follows from them: a new due date when the limit or the paused days
 * changed, and whether the decision came in time once there is one.
 */
function withDerivedDeadline(
  row: CaseRow,
  changes: Partial<CaseChanges>,
  rule: CalendarRule,
): Partial<NewCaseRow> {
  const patch: Partial<NewCaseRow> = { ...changes };
  const limitDays = changes.limitDays ?? row.limitDays;
  const pausedDays = changes.pausedDays ?? row.pausedDays;
  let dueDate = row.dueDate;
  if (limitDays !== row.limitDays || pausedDays !== row.pausedDays) {
    dueDate = computeDueDate({
      receivedDate: row.receivedDate,
      limitDays,
      pausedDays,
      rule,
    });
    patch.dueDate = dueDate;
  }
  if (changes.decidedDate !== undefined) {
    patch.isOnTime = changes.decidedDate === null ? null : changes.decidedDate <= dueDate;
  }
  return patch;
}

export const mergeInputSchema = z
  .object({
    sourceCaseId: z.string().min(1),
    survivorCaseId: z.string().min(1),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeInputSchema>;

/**
 * Merges a repeat complaint into the open case it repeats. Both keep their history; the source
 * becomes 'merged' and points to the survivor; each gets an event naming the other.
 */
export function mergeCase(ctx: ServiceContext, input: MergeInput, expectedVersion?: number): CaseDetail {
  requirePermission(ctx, 'case:merge');
  const { sourceCaseId, survivorCaseId, reason } = parseInput(mergeInputSchema, input);
  if (sourceCaseId === survivorCaseId) {
    throw new AppError('VALIDATION', 'merge into itself', {
      fields: { survivorCaseId: caseFieldError('mergeSelf') },
    });
  }
  readableCaseRow(ctx, sourceCaseId);
  readableCaseRow(ctx, survivorCaseId);
  const updated = ctx.db.transaction(() => {
    const source = requireCaseRow(ctx.db, sourceCaseId);
    if (expectedVersion !== undefined) requireVersion(source, expectedVersion);
    const survivor = requireCaseRow(ctx.db, survivorCaseId);
    if (source.transferredTo) requireWritable(source);
    if (survivor.transferredTo) requireWritable(survivor);
    if (!OPEN_STATUSES.includes(survivor.status)) {
      throw new AppError('VALIDATION', `survivor is ${survivor.status}`, {
        fields: { survivorCaseId: caseFieldError('mergeTargetClosed') },
      });
    }
    const plan = planOrThrow(ctx.actor, source, { action: 'merge', survivorCaseId, reason }, today(ctx));
    const now = ctx.clock.now();
    const rule = calendarRule(ctx.db, caseSettings(ctx).calendarMode);
    const patch = withDerivedDeadline(source, plan.changes, rule);
    const common = { actorUserId: ctx.actor.userId, at: now };
    const merged = updateCase(ctx.db, sourceCaseId, expectedVersion ?? source.version, patch, {
      ...common,
      type: plan.eventType,
      payload: {
        action: 'merge',
        from: plan.from,
        to: plan.to,
        survivorCaseId,
        survivorCaseNo: survivor.caseNo,
        reason,
        changes: diffFields(source, patch),
      },
    });
    updateCase(
      ctx.db,
      survivorCaseId,
      survivor.version,
      {},
      {
        ...common,
        type: 'case.merge_received',
        payload: { sourceCaseId, sourceCaseNo: source.caseNo, reason },
      },
    );
    return merged;
  });
  return toDetail(ctx, updated);
}
