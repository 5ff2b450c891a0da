import { z } from 'zod';
import { ACTION_RULES, TRANSITION_ACTIONS, type TransitionAction } from '../domain/lifecycle';
import type { CaseStatus } from '../domain/status';
import { compareEventOrder } from './hlc';

/**
 * A case's row as a function of its events (docs/SYNC.md "Conflicts"). Every installation folds
 * the same set of events in the same order, (clock stamp, installation id, seq), so they all reach
 * the same row, whatever order the events arrived in:
 * - a creating event (payload `columns`) gives the whole row;
 * - a change sets the columns it changed (payload `changes: { column: { before, after } }`, or
 *   `set: { column: value }` that the case writer adds to every change), so field edits are
 *   last-writer-wins per column;
 * - a lifecycle transition is applied only if the state machine allows its action from the status
 *   the case has at that point of the merged order. Otherwise it is kept in the history, changes
 *   nothing, and becomes a conflict for a supervisor;
 * - a correction of the registration on an archived or merged case is a conflict the same way;
 * - a resolution (`case.conflict_resolved`) applies its changes and settles the conflicts it names;
 * - a change after the case was transferred away (`transferredTo`) is a conflict; the receiving
 *   branch's creating event (`case.transfer_received`) applies its `set` where the case exists.
 * Pure: main/services/sync/case-projection.ts reads the events and writes the row.
 */

export interface FoldEvent {
  id: string;
  installationId: string;
  seq: number;
  hlc: string;
  type: string;
  at: number;
  payload: unknown;
}

export interface FoldConflict {
  eventId: string;
  installationId: string;
  eventType: string;
  statusAtEvent: string;
  hlc: string;
  /** The columns the event would have set, for the side-by-side view. */
  changes: Record<string, unknown>;
}

export interface FoldResult {
  /** `null` while the case's creating event has not arrived. */
  columns: Record<string, unknown> | null;
  conflicts: FoldConflict[];
  /** Time of the latest event that changed the row. */
  changedAt: number | null;
}

export const CONFLICT_RESOLVED_EVENT = 'case.conflict_resolved';

const change = z.object({ before: z.unknown(), after: z.unknown() });
const payloadSchema = z.looseObject({
  columns: z.record(z.string(), z.unknown()).optional(),
  changes: z.record(z.string(), z.unknown()).optional(),
  set: z.record(z.string(), z.unknown()).optional(),
  action: z.string().optional(),
  resolvedEventIds: z.array(z.string()).optional(),
});
type FoldPayload = z.infer<typeof payloadSchema>;

/** Columns that are this PC's own bookkeeping, never carried by events. */
const LOCAL_COLUMNS = new Set(['rowNo', 'version', 'updatedAt']);

export function foldCase(events: readonly FoldEvent[]): FoldResult {
  const ordered = [...events].sort(compareEventOrder);
  let columns: Record<string, unknown> | null = null;
  let changedAt: number | null = null;
  const open = new Map<string, FoldConflict>();
  for (const event of ordered) {
    const parsed = payloadSchema.safeParse(event.payload);
    if (!parsed.success) continue; // not a shape that changes the row (an audit note, a legacy event)
    const payload = parsed.data;
    if (payload.columns) {
      if (columns === null) {
        columns = withoutLocal(payload.columns);
        changedAt = event.at;
      } else if (payload.set) {
        // A case received by transfer: where its earlier history is held too (HQ), the receiving
        // branch's creating event acts as the change it is (new branch, no longer transferred away).
        columns = Object.assign({}, columns, withoutLocal(payload.set));
        changedAt = event.at;
      }
      continue;
    }
    if (columns === null) continue;
    const after = changedValues(payload);
    if (after === null) continue;
    if (event.type === CONFLICT_RESOLVED_EVENT) {
      for (const id of payload.resolvedEventIds ?? []) open.delete(id);
    } else if (
      !isApplicable(event.type, payload, columns.status as CaseStatus, Boolean(columns.transferredTo))
    ) {
      open.set(event.id, conflictOf(event, String(columns.status), after));
      continue;
    }
    if (Object.keys(after).length === 0) continue;
    columns = { ...columns, ...after };
    changedAt = event.at;
  }
  return { columns, conflicts: [...open.values()], changedAt };
}

function isApplicable(
  type: string,
  payload: FoldPayload,
  status: CaseStatus,
  transferredAway: boolean,
): boolean {
  // A case handed to another branch is that branch's now: a late change made here is a conflict.
  if (transferredAway) return false;
  const action = payload.action;
  if (action !== undefined && isTransitionAction(action)) {
    if (status === 'archived' && action !== 'annotate') return false;
    return ACTION_RULES[action].from.includes(status);
  }
  // A correction of the registration (case.edited and the like): allowed until archived or merged.
  void type;
  return status !== 'archived' && status !== 'merged';
}

function isTransitionAction(action: string): action is TransitionAction {
  return (TRANSITION_ACTIONS as readonly string[]).includes(action);
}

/**
 * The columns a change changed: the `after` side of `changes` when the event lists its changes
 * column by column (edits and transitions do: only what differed, so a concurrent edit of another
 * field is not undone), else `set`, every column the case writer wrote; `null` when the event
 * changes no row.
 */
function changedValues(payload: FoldPayload): Record<string, unknown> | null {
  const listed = payload.changes ? columnChanges(payload.changes) : null;
  const source = listed ?? payload.set;
  if (!source) return null;
  const after: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(source)) {
    if (!LOCAL_COLUMNS.has(column)) after[column] = value ?? null;
  }
  return after;
}

function columnChanges(changes: Record<string, unknown>): Record<string, unknown> | null {
  const after: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(changes)) {
    const parsed = change.safeParse(value);
    if (!parsed.success) return null; // another shape (an import's [before, after] pairs)
    after[column] = parsed.data.after;
  }
  return after;
}

function withoutLocal(columns: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(columns).filter(([key]) => !LOCAL_COLUMNS.has(key)));
}

function conflictOf(event: FoldEvent, status: string, changes: Record<string, unknown>): FoldConflict {
  return {
    eventId: event.id,
    installationId: event.installationId,
    eventType: event.type,
    statusAtEvent: status,
    hlc: event.hlc,
    changes,
  };
}
