import { asc, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/open';
import { historyEvents, type HistoryEventRow } from '../../../db/schema';
import {
  HANDOVER_EVENT_TYPES,
  type HandoverPerson,
  type HandoverSnapshot,
  type HandoverView,
} from '../../../shared/domain/handover';

/**
 * Handovers are their events (no table of their own): the proposal carries the whole record, the
 * decision names it. Folding them here is the one reading of those payloads. Reads the type index.
 */
export interface ProposedPayload {
  handoverId: string;
  branchCode: string;
  from: HandoverPerson;
  to: HandoverPerson;
  note: string;
  snapshot: HandoverSnapshot;
}

export interface DecidedPayload {
  handoverId: string;
  note: string;
  /** Only on acceptance: the archive as it changed hands. */
  snapshot?: HandoverSnapshot;
}

const DECISIONS = {
  [HANDOVER_EVENT_TYPES.accepted]: 'accepted',
  [HANDOVER_EVENT_TYPES.refused]: 'refused',
} as const;

/** Every handover in the archive, oldest first. */
export function readHandovers(db: Queryable): HandoverView[] {
  const rows = db
    .select()
    .from(historyEvents)
    .where(
      inArray(historyEvents.type, [
        HANDOVER_EVENT_TYPES.proposed,
        HANDOVER_EVENT_TYPES.accepted,
        HANDOVER_EVENT_TYPES.refused,
      ]),
    )
    .orderBy(asc(historyEvents.hlc), asc(historyEvents.seq))
    .all();
  const byId = new Map<string, HandoverView>();
  for (const row of rows) applyEvent(byId, row);
  return [...byId.values()];
}

function applyEvent(byId: Map<string, HandoverView>, row: HistoryEventRow): void {
  if (row.type === HANDOVER_EVENT_TYPES.proposed) {
    const p = JSON.parse(row.payload) as ProposedPayload;
    byId.set(p.handoverId, {
      id: p.handoverId,
      status: 'proposed',
      branchCode: p.branchCode,
      from: p.from,
      to: p.to,
      note: p.note,
      proposedAt: row.at,
      proposal: p.snapshot,
      decidedAt: null,
      decisionNote: null,
      accepted: null,
    });
    return;
  }
  const d = JSON.parse(row.payload) as DecidedPayload;
  const view = byId.get(d.handoverId);
  // A decision is recorded once, on a proposed handover (the service checks in the same transaction).
  if (!view || view.status !== 'proposed') return;
  view.status = DECISIONS[row.type as keyof typeof DECISIONS];
  view.decidedAt = row.at;
  view.decisionNote = d.note;
  view.accepted = d.snapshot ?? null;
}

/** Who holds the archive now: the recipient of the last accepted handover, if any. */
export function currentCustodian(handovers: readonly HandoverView[]): HandoverPerson | null {
  const accepted = handovers.filter((h) => h.status === 'accepted');
  return accepted.at(-1)?.to ?? null;
}
