import { z } from 'zod';
import { isoDate } from './case';
import { INTERNAL_CAUSES } from './case-codes';
import { canMove, type StepMachine } from './step-machine';

/**
 * Rectification (溯源整改, DOMAIN.md "Rectification"): a case's coded root cause and the actions
 * that fix it. The JR/T 0169 C code says what the customer complained of; the internal cause says
 * where inside the institution it came from.
 */
export { INTERNAL_CAUSES, type InternalCause } from './case-codes';

export const RECTIFICATION_STATUSES = ['planned', 'in_progress', 'done', 'verified'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** planned → in progress → done → verified; a supervisor may send `done` back for more work. */
export const RECTIFICATION_MACHINE: StepMachine<RectificationStatus> = {
  order: RECTIFICATION_STATUSES,
  backEdges: [['done', 'in_progress']],
};

export function canMoveRectification(from: RectificationStatus, to: RectificationStatus): boolean {
  return canMove(RECTIFICATION_MACHINE, from, to);
}

/** Two cases recur when they share business × cause within this many days of a verification. */
export const RECURRENCE_WINDOW_DAYS = 90;

const text = (max: number) => z.string().trim().min(1).max(max);

export const rootCauseInputSchema = z
  .object({
    internalCause: z.enum(INTERNAL_CAUSES),
    rootCause: z.string().trim().max(2000).optional(),
  })
  .strict();
export type RootCauseInput = z.infer<typeof rootCauseInputSchema>;

export const rectificationActionInputSchema = z
  .object({
    what: text(2000),
    department: text(200),
    owner: text(100),
    dueDate: isoDate,
  })
  .strict();
export type RectificationActionInput = z.infer<typeof rectificationActionInputSchema>;

/** Moving an action on: `done` needs evidence of what was done; `verified` needs a supervisor. */
export const rectificationMoveSchema = z
  .object({
    to: z.enum(RECTIFICATION_STATUSES),
    evidence: z.string().trim().max(5000).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type RectificationMove = z.infer<typeof rectificationMoveSchema>;

export const rectificationActionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  what: z.string(),
  department: z.string(),
  owner: z.string(),
  dueDate: isoDate,
  status: z.enum(RECTIFICATION_STATUSES),
  evidence: z.string().nullable(),
  doneDate: isoDate.nullable(),
  verifiedBy: z.string().nullable(),
  verifiedDate: isoDate.nullable(),
  createdBy: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  version: z.number().int().positive(),
});
export type RectificationAction = z.infer<typeof rectificationActionSchema>;

/** An action not yet done whose due date has passed on the branch calendar. */
export function isRectificationOverdue(
  action: Pick<RectificationAction, 'status' | 'dueDate'>,
  today: string,
): boolean {
  return (action.status === 'planned' || action.status === 'in_progress') && action.dueDate < today;
}
