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
 *   branch's creating event (`case.transfer_received`) replaces the row where the case exists (HQ,
 *   which holds the sender's events too) with the copy the receiving branch made, and its `set`,
 *   and the sender's open conflicts stay with the sender's copy;
 * - where each event's branch is known (HQ), once the receiving branch took the case a change from
 *   another branch (`madeByHolder`) changes nothing and is no conflict there: it stays in the
 *   history, and the sender's PCs, which hold it, flag it on their shell;
 * - a disposal (`case.disposed`) destroys only the copy of the branch that made it
 *   (`disposalApplies`): a PC's own (a transferred-away shell included), or at HQ the case of the
 *   branch that holds it; any other branch's disposal changes nothing and is no conflict.
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
  /** The branch of the installation that made the event, where the folder knows it (HQ does). */
  branchCode?: string;
}

/**
 * `ownBranch`: the branch of the PC that folds (its archive holds its own copy of every case, a
 * shell left by a transfer included). Absent at HQ, whose row is the case where it is held now.
 */
export interface FoldOptions {
  ownBranch?: string;
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

/**
 * The payload fields the fold reads, checked by hand: a first sync folds a million events and a
 * schema parse per event was a fifth of the fold's time. Same rule as a loose zod object: optional
 * `columns`/`changes`/`set` records, `action` string, `resolvedEventIds` string array.
 */
interface FoldPayload {
  branchCode?: unknown;
  columns?: Record<string, unknown>;
  changes?: Record<string, unknown>;
  set?: Record<string, unknown>;
  action?: string;
  resolvedEventIds?: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readPayload(value: unknown): FoldPayload | null {
  if (!isRecord(value)) return null;
  const { columns, changes, set, action, resolvedEventIds } = value;
  for (const field of [columns, changes, set]) if (field !== undefined && !isRecord(field)) return null;
  if (action !== undefined && typeof action !== 'string') return null;
  if (
    resolvedEventIds !== undefined &&
    !(Array.isArray(resolvedEventIds) && resolvedEventIds.every((id) => typeof id === 'string'))
  ) {
    return null;
  }
  return value as FoldPayload;
}

/** Columns that are this PC's own bookkeeping, never carried by events. */
const LOCAL_COLUMNS = new Set(['rowNo', 'version', 'updatedAt']);

export function foldCase(events: readonly FoldEvent[], options: FoldOptions = {}): FoldResult {
  return foldCaseFrom({ columns: null, conflicts: [], changedAt: null }, events, options);
}

/**
 * Continues a fold: `start` is the result of folding every event ordered before all of `events`
 * (HQ folds each batch onto the row it holds instead of re-reading a case's whole history).
 */
export function foldCaseFrom(
  start: FoldResult,
  events: readonly FoldEvent[],
  options: FoldOptions = {},
): FoldResult {
  const ordered = [...events].sort(compareEventOrder);
  // One private copy, changed in place: copying a 70-column row per event was most of a fold.
  let columns: Record<string, unknown> | null = start.columns === null ? null : { ...start.columns };
  let changedAt: number | null = start.changedAt;
  const open = new Map<string, FoldConflict>(start.conflicts.map((conflict) => [conflict.eventId, conflict]));
  for (const event of ordered) {
    const payload = readPayload(event.payload);
    if (!payload) continue; // not a shape that changes the row (an audit note, a legacy event)
    if (payload.columns) {
      if (columns === null) {
        columns = withoutLocal(payload.columns);
        changedAt = event.at;
      } else if (payload.set && !repeatedReceipt(columns, payload.set)) {
        // A case received by transfer: where its earlier history is held too (HQ), the receiving
        // branch's creating event acts as the change it is (new branch, no longer transferred
        // away), and its row is the receiving branch's copy: a later refold must not depend on the
        // sender's events, which the sender's disposal of its shell redacts.
        columns = { ...withoutLocal(payload.columns), ...withoutLocal(payload.set) };
        changedAt = event.at;
        // The sender's open conflicts are its copy's (its shell keeps them), not the receiver's.
        open.clear();
      }
      continue;
    }
    if (columns === null) continue;
    // A change from the branch that transferred the case away (made offline before it learnt of
    // the transfer) reaching HQ after the receiver took the case is kept in the history but never
    // applied to the receiver's case; the sender's own PCs flag it on their shell.
    if (!madeByHolder(event, columns)) continue;
    if (event.type === DISPOSAL_EVENT) {
      // Another branch's disposal of its own copy is neither applied here nor a conflict.
      if (!disposalApplies(disposingBranch(event, payload), columns, options.ownBranch)) continue;
    }
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
    Object.assign(columns, after);
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
  // DOMAIN.md: an archived case is read-only except for annotations and a disposal at the end of
  // retention (main/services/retention), which a second person approved where it was made: a
  // disposal reaching this point applies (disposalApplies chose it), a shell's included. A new case
  // number (a terminal clash repaired, CASE_RENUMBERED_EVENT) applies whatever the case's state:
  // the number must differ from the other case's on every copy, an archived or transferred one too.
  if (type === DISPOSAL_EVENT || type === CASE_RENUMBERED_EVENT) return true;
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

/**
 * A case numbered under a terminal code another PC of the branch also used gets a new number from
 * the PC that made it (`redress sync repair-terminal`, main/services/sync/terminal-repair.service.ts):
 * payload `changes: { caseNo: { before, after } }`, so every copy folds the same number and the old
 * one stays in the history (docs/SYNC.md "Two PCs with one terminal code").
 */
export const CASE_RENUMBERED_EVENT = 'case.renumbered';

/** The type of a disposal's event (db/repos/history.repo.ts DISPOSAL_EVENT_TYPE; shared/ cannot import db/). */
export const DISPOSAL_EVENT = 'case.disposed';

/**
 * Whether a disposal made by `disposer` destroys the copy a fold makes (docs/SYNC.md "Disposal of
 * a transferred case"), the one rule for HQ's fold, HQ's redaction and every PC's apply:
 * - on a PC (`ownBranch`), its own branch's disposal applies to its own copy, whether that branch
 *   holds the case or kept it as a read-only shell after transferring it;
 * - at HQ the row is the live case: only the branch that holds it (its `branchCode`, not
 *   transferred away) disposes of it. The sending branch's disposal of its shell destroys its own
 *   copies only, never the receiving branch's case.
 * `disposer` null: a disposal from before disposals named their branch, taken as the holder's.
 */
export function disposalApplies(
  disposer: string | null,
  copy: Record<string, unknown>,
  ownBranch?: string,
): boolean {
  if (ownBranch !== undefined) return disposer === null || disposer === ownBranch;
  if (copy.transferredTo) return false;
  return disposer === null || disposer === copy.branchCode;
}

/**
 * Whether `event` may change a case that came to its holder by transfer (`transferredFrom`): only
 * the holder's (`branchCode`) events may; the branch that gave it away is no longer its writer.
 * Only a folder that knows each event's branch (HQ, which holds several branches' events of a
 * transferred case) can tell; on a PC every event is its own branch's. A case never received by
 * transfer, or in transit (`transferredTo`: a late change is a conflict, below), is left to the
 * other rules, and a disposal to `disposalApplies` (a branch may dispose of its own shell).
 */
export function madeByHolder(
  event: { type: string; branchCode?: string },
  copy: Record<string, unknown>,
): boolean {
  if (event.branchCode === undefined || event.type === DISPOSAL_EVENT) return true;
  if (!copy.transferredFrom || copy.transferredTo) return true;
  return event.branchCode === copy.branchCode;
}

/**
 * A second `case.transfer_received` of the branch that already holds the case (two of its PCs took
 * the transfer before either had synced): the case is not received again, so later work stays.
 */
function repeatedReceipt(columns: Record<string, unknown>, set: Record<string, unknown>): boolean {
  return !columns.transferredTo && set.branchCode !== undefined && columns.branchCode === set.branchCode;
}

/** The branch that made a disposal: the installation's where known (HQ), else what it says. */
export function disposingBranch(event: { branchCode?: string }, payload: unknown): string | null {
  if (event.branchCode !== undefined) return event.branchCode;
  const named = isRecord(payload) ? payload.branchCode : undefined;
  return typeof named === 'string' ? named : null;
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
    // Another shape (an import's [before, after] pairs) is not a column-by-column change.
    if (!isRecord(value)) return null;
    after[column] = value.after;
  }
  return after;
}

function withoutLocal(columns: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!columns) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(columns)) if (!LOCAL_COLUMNS.has(key)) out[key] = columns[key];
  return out;
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
