import type { CaseEvent, CasePatch } from '../../../db/repos/cases/case-writer';
import { CASE_COLUMNS } from '../../../db/repos/cases/case-columns';
import type { CaseRow, ContactRow, RectificationRow } from '../../../db/schema';
import { contactInputSchema } from '../../../shared/domain/contacts';
import type { CalendarRule } from '../../../shared/domain/deadlines';
import { canMoveRectification } from '../../../shared/domain/rectification';
import { diffFields } from '../cases/case-scope';
import { transitionWrite } from '../cases/lifecycle.service';
import { rectificationMovePatch } from '../cases/rectification.service';
import { BRANCH_UTC_OFFSET_MS } from './seed-clock';
import type { SeedStaff } from './seed-staff';
import type { SeedCase, SeedStep } from './seed-types';
import { ASSIGNED_HANDLER } from './story';

/**
 * Plays a seeded case's story through the same rules and the same writes as the services:
 * lifecycle steps through `transitionWrite` (the lifecycle service's own), contacts and
 * rectification actions as their services record them. With a sink it writes (the full-history
 * seed); without one it only computes where the case ends up (the minimal seed writes that row).
 */
export interface ReplaySink {
  update(caseId: string, patch: CasePatch, event: CaseEvent): void;
  /** An event that changes no case column (contacts, rectification steps). */
  note(caseId: string, event: CaseEvent): void;
  insertContact(row: ContactRow): void;
  insertRectification(row: RectificationRow): void;
  updateRectification(id: string, expectedVersion: number, patch: Partial<RectificationRow>): void;
}

export interface ReplayContext {
  staff: SeedStaff;
  rule: CalendarRule;
}

/** The case's row as a whole (every column, defaults filled in) from its registration. */
export function registeredRow(seedCase: SeedCase, registeredBy: string): CaseRow {
  const given = seedCase.row as Record<string, unknown>;
  const row: Record<string, unknown> = { rowNo: 0, caseNo: '' };
  for (const column of CASE_COLUMNS) row[column.property] = given[column.property] ?? column.fallback ?? null;
  return { ...row, registeredBy, version: 1 } as CaseRow;
}

/** The local date of an instant on the seed's branch calendar (UTC+8). */
function localDay(at: number): string {
  return new Date(at + BRANCH_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Plays `seedCase.story` from `start` (its registered row); returns the row it ends as. */
export function replayStory(
  seedCase: SeedCase,
  start: CaseRow,
  context: ReplayContext,
  sink: ReplaySink | null,
): CaseRow {
  let row = start;
  const rectifications = new Map<string, RectificationRow>();
  const update = (patch: CasePatch, event: CaseEvent) => {
    sink?.update(row.id, patch, event);
    row = { ...row, ...patch, version: row.version + 1, updatedAt: event.at } as CaseRow;
  };
  for (const step of seedCase.story) {
    const who = (actor: 'handler' | 'supervisor') => context.staff.pick(row.branchCode, actor, row.id);
    const handler = who('handler');
    const event = (type: string, actorUserId: string, payload: Record<string, unknown>): CaseEvent => ({
      type,
      actorUserId,
      at: step.at,
      payload,
    });
    switch (step.kind) {
      case 'transition': {
        const actor = who(step.actor);
        const input =
          step.input.action === 'assign' && step.input.handlerUserId === ASSIGNED_HANDLER
            ? { ...step.input, handlerUserId: handler.userId }
            : step.input;
        const write = transitionWrite(row, input, actor, localDay(step.at), context.rule);
        update(write.patch, event(write.eventType, actor.userId, write.payload));
        break;
      }
      case 'contact': {
        const contact: ContactRow = {
          id: step.id,
          caseId: row.id,
          ...contactInputSchema.parse({ ...step.contact, contactedBy: handler.displayName }),
          createdBy: handler.userId,
          createdAt: step.at,
        };
        sink?.insertContact(contact);
        sink?.note(row.id, event('case.contact_logged', handler.userId, { contact }));
        break;
      }
      case 'root_cause': {
        const columns = {
          internalCause: step.input.internalCause,
          rootCause: step.input.rootCause ?? row.rootCause,
        };
        const changes = diffFields(row, columns);
        if (Object.keys(changes).length > 0)
          update(columns, event('case.root_cause_set', handler.userId, { changes }));
        break;
      }
      case 'rectification_added':
      case 'rectification_moved':
        playRectification(step, row.id, { handler, who, event, sink, rectifications });
        break;
    }
  }
  return row;
}

interface RectificationPlay {
  handler: { userId: string };
  who: (actor: 'handler' | 'supervisor') => { userId: string };
  event: (type: string, actorUserId: string, payload: Record<string, unknown>) => CaseEvent;
  sink: ReplaySink | null;
  rectifications: Map<string, RectificationRow>;
}

function playRectification(
  step: Extract<SeedStep, { kind: 'rectification_added' | 'rectification_moved' }>,
  caseId: string,
  { handler, who, event, sink, rectifications }: RectificationPlay,
): void {
  if (step.kind === 'rectification_added') {
    const action: RectificationRow = {
      id: step.id,
      caseId,
      ...step.input,
      status: 'planned',
      evidence: null,
      doneDate: null,
      verifiedBy: null,
      verifiedDate: null,
      createdBy: handler.userId,
      createdAt: step.at,
      updatedAt: step.at,
      version: 1,
    };
    rectifications.set(action.id, action);
    sink?.insertRectification(action);
    sink?.note(caseId, event('case.rectification_added', handler.userId, { action }));
    return;
  }
  const current = rectifications.get(step.id);
  if (!current || !canMoveRectification(current.status, step.move.to))
    throw new Error(`seed story moves rectification ${step.id} ${current?.status} → ${step.move.to}`);
  const actor = who(step.actor);
  const patch = rectificationMovePatch(step.move, {
    userId: actor.userId,
    now: step.at,
    today: localDay(step.at),
  });
  const action = { ...current, ...patch, version: current.version + 1 };
  rectifications.set(action.id, action);
  sink?.updateRectification(step.id, current.version, patch);
  sink?.note(
    caseId,
    event('case.rectification_moved', actor.userId, {
      from: current.status,
      to: step.move.to,
      note: step.move.note ?? null,
      action,
    }),
  );
}
