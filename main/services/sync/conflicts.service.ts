import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { updateCase as writeCaseUpdate, type CasePatch } from '../../../db/repos/cases/case-writer';
import { findUserById } from '../../../db/repos/users.repo';
import { caseConflicts } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import { CONFLICT_RESOLVED_EVENT, type FoldConflict } from '../../../shared/sync/case-fold';
import { diffFields, parseInput, readableCaseRow, requirePermission } from '../cases/case-scope';
import { foldStoredCase, reprojectCases } from './case-projection';
import type { ServiceContext } from '../context';

/**
 * The supervisor's side of a sync conflict (docs/SYNC.md "Conflicts"): the case as the merged
 * order made it, beside the case as the PC whose change could not be applied would have it; and
 * the resolution, which is an ordinary event of this installation's chain, so every PC applies it.
 */

/** The columns shown side by side. */
export const CONFLICT_FIELDS = [
  'status',
  'handlerUserId',
  'limitDays',
  'dueDate',
  'resolutionType',
  'decisionNotice',
  'closedDate',
  'productName',
  'priority',
] as const;

export interface CaseConflictView {
  caseId: string;
  caseNo: string;
  eventId: string;
  eventType: string;
  installationId: string;
  statusAtEvent: string;
  version: number;
  /** The case now (the merged order) and as the conflicting change would have made it. */
  current: Record<string, unknown>;
  proposed: Record<string, unknown>;
}

export function listConflicts(ctx: ServiceContext): CaseConflictView[] {
  requirePermission(ctx, 'case:approve');
  const rows = ctx.db.select().from(caseConflicts).orderBy(asc(caseConflicts.hlc)).all();
  const views: CaseConflictView[] = [];
  for (const row of rows) {
    const view = conflictView(ctx, row.caseId, row.eventId);
    if (view) views.push(view);
  }
  return views;
}

function conflictView(ctx: ServiceContext, caseId: string, eventId: string): CaseConflictView | null {
  let caseRow;
  try {
    caseRow = readableCaseRow(ctx, caseId);
  } catch {
    return null; // another branch's case: not this supervisor's to see
  }
  const folded = foldStoredCase(ctx.db, caseId);
  const conflict = folded.conflicts.find((c) => c.eventId === eventId);
  if (!conflict || !folded.columns) return null;
  return {
    caseId,
    caseNo: caseRow.caseNo,
    eventId,
    eventType: conflict.eventType,
    installationId: conflict.installationId,
    statusAtEvent: conflict.statusAtEvent,
    version: caseRow.version,
    current: pick(ctx, folded.columns),
    proposed: pick(ctx, { ...folded.columns, ...conflict.changes }),
  };
}

/** The shown columns; the handler by name (the screen has no user ids to look up). */
function pick(ctx: ServiceContext, columns: Record<string, unknown>): Record<string, unknown> {
  const shown = Object.fromEntries(CONFLICT_FIELDS.map((field) => [field, columns[field] ?? null]));
  const handler = typeof shown.handlerUserId === 'string' ? findUserById(ctx.db, shown.handlerUserId) : null;
  if (handler) shown.handlerUserId = handler.displayName;
  return shown;
}

export const resolveConflictSchema = z
  .object({
    caseId: z.string().min(1).max(64),
    eventId: z.string().min(1).max(64),
    /** Keep the case as it is, or take the change that could not be applied. */
    choice: z.enum(['keep_current', 'take_proposed']),
    expectedVersion: z.number().int().positive(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ResolveConflictInput = z.infer<typeof resolveConflictSchema>;

/** Settles one conflict with a `case.conflict_resolved` event; the case and its flag follow from it. */
export function resolveConflict(ctx: ServiceContext, input: ResolveConflictInput): { version: number } {
  requirePermission(ctx, 'case:approve');
  const parsed = parseInput(resolveConflictSchema, input);
  readableCaseRow(ctx, parsed.caseId);
  return ctx.db.transaction(() => {
    const current = readableCaseRow(ctx, parsed.caseId);
    if (current.version !== parsed.expectedVersion) {
      throw new AppError('CONFLICT', `case ${current.id} is at version ${current.version}`);
    }
    const folded = foldStoredCase(ctx.db, parsed.caseId);
    const conflict = folded.conflicts.find((c) => c.eventId === parsed.eventId);
    if (!conflict) throw new AppError('NOT_FOUND', `conflict ${parsed.eventId}`);
    const patch = parsed.choice === 'take_proposed' ? proposedPatch(current, conflict) : {};
    const row = writeCaseUpdate(ctx.db, current.id, current.version, patch, {
      type: CONFLICT_RESOLVED_EVENT,
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: {
        resolvedEventIds: [conflict.eventId],
        choice: parsed.choice,
        note: parsed.note ?? null,
        changes: diffFields(current, patch),
      },
    });
    reprojectCases(ctx.db, [current.id], ctx.clock.now());
    return { version: row.version };
  });
}

function proposedPatch(current: Record<string, unknown>, conflict: FoldConflict): CasePatch {
  const diff = diffFields(current, conflict.changes);
  return Object.fromEntries(Object.entries(diff).map(([key, value]) => [key, value.after])) as CasePatch;
}

/** How many cases wait for a supervisor (the top bar's badge). */
export function countConflicts(ctx: ServiceContext): number {
  requirePermission(ctx, 'case:read');
  return ctx.db.select({ caseId: caseConflicts.caseId }).from(caseConflicts).all().length;
}
