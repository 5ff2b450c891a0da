import { v7 as uuidv7 } from 'uuid';
import {
  getReferral,
  insertReferral,
  referralsOfCase,
  updateReferral,
} from '../../../db/repos/case-work.repo';
import type { ReferralRow } from '../../../db/schema';
import {
  canMoveReferral,
  referralInputSchema,
  referralMoveSchema,
  type Referral,
  type ReferralInput,
  type ReferralMove,
} from '../../../shared/domain/referrals';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { parseInput, readableCaseRow, requirePermission, today } from './case-scope';
import { fieldProblem, recordCaseEvent, requireDate, staleVersion, writableCase } from './case-work-common';
import { requireBorrowedIfArchived } from '../borrowing/borrowing.service';

/**
 * Referral (转办) to another department, and co-handling (协办) by a colleague with a task of their
 * own. Each moves sent → accepted → answered → closed, one step at a time; every step, the answer
 * included, is a history event of the case. A referral to another branch is not recorded here: it
 * is the case transfer through head office (sync/transfer/transfer.service.ts), one path for it.
 */
export function addReferral(ctx: ServiceContext, caseId: string, input: ReferralInput): Referral {
  requirePermission(ctx, 'case:handle');
  const parsed = parseInput(referralInputSchema, input);
  requireDate('dueDate', parsed.dueDate);
  if (parsed.toBranchCode) {
    throw fieldProblem('toBranchCode', 'branchIsTransfer', `referral to ${parsed.toBranchCode}`);
  }
  if (!parsed.toDepartment) throw fieldProblem('toDepartment', 'targetRequired', 'referral without a target');
  return ctx.db.transaction(() => {
    writableCase(ctx, caseId);
    const now = ctx.clock.now();
    const row = insertReferral(ctx.db, {
      id: uuidv7(),
      caseId,
      kind: parsed.kind,
      toDepartment: parsed.toDepartment || null,
      toBranchCode: null,
      assignee: parsed.assignee,
      task: parsed.task,
      dueDate: parsed.dueDate,
      status: 'sent',
      answer: null,
      answeredDate: null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    recordCaseEvent(ctx, caseId, 'case.referral_added', { referral: row });
    return row;
  });
}

export function moveReferral(
  ctx: ServiceContext,
  referralId: string,
  expectedVersion: number,
  move: ReferralMove,
): Referral {
  requirePermission(ctx, 'case:handle');
  const parsed = parseInput(referralMoveSchema, move);
  return ctx.db.transaction(() => {
    const current = getReferral(ctx.db, referralId);
    if (!current) throw new AppError('NOT_FOUND', `referral ${referralId}`);
    writableCase(ctx, current.caseId);
    if (!canMoveReferral(current.status, parsed.to)) {
      throw fieldProblem('to', 'stepSkipped', `referral ${current.status} → ${parsed.to}`);
    }
    const patch: Partial<ReferralRow> = { status: parsed.to, updatedAt: ctx.clock.now() };
    if (parsed.to === 'answered') {
      if (!parsed.answer) throw fieldProblem('answer', 'answerRequired', 'answered without an answer');
      Object.assign(patch, { answer: parsed.answer, answeredDate: today(ctx) });
    }
    const row = updateReferral(ctx.db, referralId, expectedVersion, patch);
    if (!row) throw staleVersion('referral', referralId, expectedVersion);
    recordCaseEvent(ctx, current.caseId, 'case.referral_moved', {
      from: current.status,
      to: parsed.to,
      note: parsed.note ?? null,
      referral: row,
    });
    return row;
  });
}

export function listReferrals(ctx: ServiceContext, caseId: string): Referral[] {
  requireBorrowedIfArchived(ctx, readableCaseRow(ctx, caseId));
  return referralsOfCase(ctx.db, caseId);
}
