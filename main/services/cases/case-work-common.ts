import { appendEvent } from '../../../db/repos/history.repo';
import type { CaseRow } from '../../../db/schema';
import { isValidDate } from '../../../shared/domain/deadlines';
import { AppError } from '../../../shared/errors';
import { caseWorkFieldError, type CaseWorkValidationKey } from '../../../shared/i18n/case-work';
import type { ServiceContext } from '../context';
import { readableCaseRow, requireWritable } from './case-scope';

/** What the case-work services (rectification, contacts, referrals) share. */

export function fieldProblem(field: string, key: CaseWorkValidationKey, detail: string): AppError {
  return new AppError('VALIDATION', detail, { fields: { [field]: caseWorkFieldError(key) } });
}

export function requireDate(field: string, value: string): void {
  if (!isValidDate(value)) throw fieldProblem(field, 'dateInvalid', `${field} ${value}`);
}

/** The case, readable by the actor and open to changes (not archived or merged; a disposed case is refused where its event is recorded: db/repos/disposed-case-guard.ts). */
export function writableCase(ctx: ServiceContext, caseId: string): CaseRow {
  const row = readableCaseRow(ctx, caseId);
  requireWritable(row);
  return row;
}

/** One history event on the case, in the caller's transaction. */
export function recordCaseEvent(ctx: ServiceContext, caseId: string, type: string, payload: unknown): void {
  appendEvent(ctx.db, { caseId, type, actorUserId: ctx.actor.userId, at: ctx.clock.now(), payload });
}

export function staleVersion(kind: string, id: string, expected: number): AppError {
  return new AppError('CONFLICT', `${kind} ${id} is not at version ${expected}`);
}
