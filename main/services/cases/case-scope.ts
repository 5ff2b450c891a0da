import type { z } from 'zod';
import { buildCaseWhere, caseScopeFor, type CaseScope } from '../../../db/queries/case-filter';
import { requireCaseRow } from '../../../db/repos/cases/cases.repo';
import type { CaseRow } from '../../../db/schema';
import type { CaseFilter } from '../../../shared/domain/case-query';
import { localDate } from '../../../shared/domain/deadlines';
import type { ArchiveSettings } from '../../../shared/domain/settings';
import { AppError } from '../../../shared/errors';
import { caseFieldError } from '../../../shared/i18n/cases';
import { valueAt } from '../../../shared/ipc/validation';
import type { ServiceContext } from '../context';
import { getSettings } from '../reference/settings.service';
import { parseInput as parseServiceInput, requirePermission } from '../access-guards';

/**
 * Helpers every case service shares: permission, scope, today, settings, input parsing.
 *
 * Writes run in `ctx.db.transaction(() => …)` and use `ctx.db` inside: better-sqlite3 is one
 * synchronous connection, so every statement in the callback runs between its BEGIN and COMMIT
 * (the repos take an ArchiveDb, which a drizzle `tx` object is not).
 */

/** One permission check for every service (archive-access.ts); re-exported for the case services. */
export { requirePermission };

/** The archive's settings (due-soon days, repeat window, calendar mode), defaults filled in. */
export function caseSettings(ctx: ServiceContext): ArchiveSettings {
  return getSettings(ctx);
}

/** Today on the branch calendar: the clock's instant in the clock's zone. */
export function today(ctx: ServiceContext): string {
  return localDate(ctx.clock.now(), ctx.clock.timeZone);
}

export function scopeOf(ctx: ServiceContext): CaseScope {
  return caseScopeFor(ctx.actor);
}

/** The WHERE for a filter as this actor may see it. */
export function scopedWhere(ctx: ServiceContext, filter: CaseFilter) {
  return buildCaseWhere(filter, scopeOf(ctx), today(ctx), caseSettings(ctx).dueSoonDays);
}

export function isInScope(scope: CaseScope, branchCode: string): boolean {
  return scope.branchCodes === null || scope.branchCodes.includes(branchCode);
}

/**
 * The case row if the actor may read it. Another branch's case is NOT_FOUND, not FORBIDDEN, so
 * a guessed id does not reveal that the case exists.
 */
export function readableCaseRow(ctx: ServiceContext, id: string): CaseRow {
  requirePermission(ctx, 'case:read');
  const row = requireCaseRow(ctx.db, id);
  if (!isInScope(scopeOf(ctx), row.branchCode)) throw new AppError('NOT_FOUND', `case ${id}`);
  return row;
}

/** Refuses changes to a case that is archived (read-only) or merged into another. */
export function requireWritable(row: CaseRow): void {
  if (row.status === 'archived' || row.status === 'merged') {
    throw new AppError('CASE_READ_ONLY', `case ${row.id} is ${row.status}`);
  }
  // Transferred to another branch through head office: that branch works it now.
  if (row.transferredTo)
    throw new AppError('CASE_TRANSFERRED', `case ${row.id} went to ${row.transferredTo}`);
}

/**
 * Parses case service input (archive-access.ts): field errors keyed by path (`complainant.phone`)
 * whose values are `cases.validation.*` message keys, or the schema's own key when it names one.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseServiceInput(schema, input, '_', issueMessage);
}

const EXPECTED: Partial<Record<string, Parameters<typeof caseFieldError>[0]>> = {
  string: 'expectedText',
  number: 'expectedNumber',
  int: 'expectedNumber',
  boolean: 'expectedBoolean',
  object: 'expectedObject',
  array: 'expectedList',
};

function wrongType(expected: string): string {
  return caseFieldError(EXPECTED[expected] ?? 'wrongType');
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'too_small':
      return caseFieldError(issue.minimum === 1 ? 'required' : 'tooShort');
    case 'too_big':
      return caseFieldError('tooLong');
    case 'invalid_type':
      // zod does not report the input by default: look the value up, so `"phone": 138…` (a number)
      // reads "wrong type", not "required".
      return valueAt(input, issue.path) == null ? caseFieldError('required') : wrongType(issue.expected);
    default:
      return caseFieldError('invalid');
  }
}

/** The fields whose values differ, as `{ field: { before, after } }` for history payloads. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b };
  }
  return changes;
}
