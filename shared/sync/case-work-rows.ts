import type { z } from 'zod';
import { contactSchema } from '../domain/contacts';
import { rectificationActionSchema } from '../domain/rectification';
import { referralSchema } from '../domain/referrals';
import { compareEventOrder } from './hlc';
import { transferredWorkEventSchema } from './protocol';

/**
 * The case-work rows (rectification actions, contacts, referrals) as their events carry them: the
 * branch's services put the whole row after each change in the event (`{ action }`, `{ contact }`,
 * `{ referral }`), so each row is its latest event's copy in the fold's order (clock stamp,
 * installation, seq). Shared by HQ's ingest (hq/ingest/case-work-projection.ts) and a branch PC
 * applying another PC's events (main/services/sync/case-work-projection.ts).
 */
export type CaseWorkTable = 'rectifications' | 'referrals' | 'contacts';

interface WorkKind {
  table: CaseWorkTable;
  /** The payload property that carries the row. */
  property: string;
  schema: z.ZodType<{ id: string; caseId: string }>;
}

const RECTIFICATION: WorkKind = {
  table: 'rectifications',
  property: 'action',
  schema: rectificationActionSchema,
};
const REFERRAL: WorkKind = { table: 'referrals', property: 'referral', schema: referralSchema };
const CONTACT: WorkKind = { table: 'contacts', property: 'contact', schema: contactSchema };

const KINDS: Record<string, WorkKind> = {
  'case.rectification_added': RECTIFICATION,
  'case.rectification_moved': RECTIFICATION,
  'case.referral_added': REFERRAL,
  'case.referral_moved': REFERRAL,
  'case.contact_logged': CONTACT,
};

export const CASE_WORK_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(KINDS));

/** The receiving branch's creating event of a transferred case; its payload carries the case's work events. */
export const TRANSFER_RECEIVED = 'case.transfer_received';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WorkRowEvent {
  type: string;
  caseId: string | null;
  hlc?: string | null;
  installationId: string;
  seq: number;
  /** Already parsed (a branch's stored events) or the JSON text (HQ's pushed events). */
  payload: unknown;
  /** A copy carried by a `case.transfer_received` event (see `carriedWork`). */
  carried?: boolean;
}

export interface WorkRow<E extends WorkRowEvent = WorkRowEvent> {
  table: CaseWorkTable;
  event: E;
  row: Record<string, unknown> & { id: string; caseId: string };
}

/**
 * The row an event carries, or null: not a case-work event, a payload that is not the row, a row
 * of another case than its event's, or an id that is not a UUID (HQ's column type).
 */
export function workRowOfEvent<E extends WorkRowEvent>(event: E): WorkRow<E> | null {
  const kind = KINDS[event.type];
  if (!kind || event.caseId === null) return null;
  const payload = typeof event.payload === 'string' ? parseJson(event.payload) : event.payload;
  const candidate = (payload as Record<string, unknown> | null)?.[kind.property];
  const parsed = kind.schema.safeParse(candidate);
  if (!parsed.success || parsed.data.caseId !== event.caseId || !UUID.test(parsed.data.id)) return null;
  return { table: kind.table, event, row: parsed.data as WorkRow['row'] };
}

/**
 * Each work row's latest copy among `events`, whatever order they come in. A copy carried by a
 * received transfer (`carried`) has its original event's place in the order and wins over that
 * event itself where both are held (HQ, or a branch the case came back to): it is the receiving
 * branch's copy, which the sender's disposal of its shell does not redact.
 */
export function latestWorkRows<E extends WorkRowEvent>(events: readonly E[]): Map<string, WorkRow<E>> {
  const latest = new Map<string, WorkRow<E>>();
  for (const event of events) {
    const found = workRowOfEvent(event);
    if (!found) continue;
    const held = latest.get(found.row.id);
    if (held && compareWorkOrder(held.event, event) > 0) continue;
    latest.set(found.row.id, found);
  }
  return latest;
}

function compareWorkOrder(a: WorkRowEvent, b: WorkRowEvent): number {
  return compareEventOrder(orderOf(a), orderOf(b)) || Number(a.carried ?? false) - Number(b.carried ?? false);
}

const transferWork = transferredWorkEventSchema.array();

/**
 * The work events a `case.transfer_received` payload carries (the sending branch's, as it handed
 * the case over), as events of `caseId` marked `carried`; none for any other payload.
 */
export function carriedWork(payload: unknown, caseId: string): WorkRowEvent[] {
  const value = typeof payload === 'string' ? parseJson(payload) : payload;
  const work = transferWork.safeParse((value as { work?: unknown } | null)?.work);
  return work.success ? work.data.map((item) => ({ ...item, caseId, carried: true })) : [];
}

function orderOf(event: WorkRowEvent): { hlc: string; installationId: string; seq: number } {
  return { hlc: event.hlc ?? '', installationId: event.installationId, seq: event.seq };
}

/** A case's event as the holder-aware projection reads it: `branchCode` where the reader knows it (HQ). */
export interface BranchWorkEvent extends WorkRowEvent {
  branchCode?: string;
}

const CASE_TRANSFERRED = 'case.transferred';

/**
 * The work rows of a case that changed hands, from ALL its events (docs/SYNC.md "Case transfers"),
 * so that HQ holds the rows the holding branch holds, whatever order the events arrived in. In the
 * fold's order:
 * - the branch that registered the case holds it; its `case.transferred` leaves it held by nobody
 *   (in transit), and a `case.transfer_received` makes the receiver the holder, with the work rows
 *   its event carries (the sender's copy as it handed the case over) in place of all before;
 * - a work event counts only when its branch holds the case at that point: a sender's work made
 *   offline after its transfer, or reaching HQ after the receiver took the case, stays in the
 *   history and is never projected into the receiver's case (the sender's PCs keep it on their
 *   shell).
 * An event whose branch is not known (a PC's own) counts as the holder's.
 */
export function holdersWorkRows(events: readonly BranchWorkEvent[]): Map<string, WorkRow> {
  const ordered = [...events].sort((a, b) => compareEventOrder(orderOf(a), orderOf(b)));
  let holder: string | undefined | null;
  let rows = new Map<string, WorkRow>();
  for (const event of ordered) {
    const branch = event.branchCode;
    if (event.type === TRANSFER_RECEIVED && event.caseId !== null) {
      const carried = carriedWork(event.payload, event.caseId);
      // A second PC of the holding branch that took the same transfer adds what it carried.
      const kept = holder !== undefined && holder === branch ? [...rows.values()].map((r) => r.event) : [];
      rows = latestWorkRows([...kept, ...carried]);
      holder = branch;
    } else if (event.type === CASE_TRANSFERRED) {
      if (branch === undefined || branch === holder || holder === undefined) holder = null;
    } else if (holder === undefined) {
      holder = branch; // the first event: the registering branch's
    }
    if (branch !== undefined && holder !== branch) continue;
    const found = workRowOfEvent(event);
    if (found) rows.set(found.row.id, found);
  }
  return rows;
}

/** JSON text as a value, or null when it is not JSON (a payload that cannot be read carries nothing). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // a payload that is not JSON carries no row
  }
}
