import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { HqDb } from '../db/open';
import { attachmentsOfCases } from './attachments';
import { caseTransfers, events, hqCases } from '../db/schema';
import { CASE_WORK_EVENT_TYPES, parseJson, TRANSFER_RECEIVED } from '../../shared/sync/case-work-rows';
import {
  branchCodeSchema,
  type CaseTransfer,
  type SyncEvent,
  type TransferredWorkEvent,
} from '../../shared/sync/protocol';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** What the sending branch's `case.transferred` event says (the rest of its payload is the writer's). */
const transferPayload = z.looseObject({ fromBranch: branchCodeSchema, toBranch: branchCodeSchema });
const reasonPayload = z.looseObject({ reason: z.string().max(2_000) });

export const CASE_TRANSFERRED = 'case.transferred';

/**
 * Routes cases a push transferred to another branch (docs/SYNC.md "Case transfers"): one row of
 * `case_transfers` each, in the push's transaction. The row takes its ingest id under the
 * receiving branch's advisory lock, as that branch's own events do, so the receiving branch's
 * pull cursor can never pass it before it commits.
 */
export async function recordTransfers(tx: Tx, fresh: readonly SyncEvent[]): Promise<void> {
  for (const event of fresh) {
    if (event.type !== CASE_TRANSFERRED || event.caseId === null) continue;
    const parsed = transferPayload.safeParse(JSON.parse(event.payload));
    if (!parsed.success) continue; // kept in the chain; HQ routes only what it can read
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${parsed.data.toBranch}))`);
    await tx
      .insert(caseTransfers)
      .values({ caseId: event.caseId, ...parsed.data, at: event.at })
      .onConflictDoNothing();
  }
}

/**
 * Transfers to `branchCode` after `cursor` (up to `upTo` when the page is not the last): each with
 * the case as HQ folded it, the list of its events so far, its case-work events with their payloads
 * (the receiving branch keeps the contact log and the actions), its evidence files and the sender's
 * reason.
 */
export async function transfersTo(
  db: HqDb,
  branchCode: string,
  cursor: number,
  upTo: number | null,
): Promise<(CaseTransfer & { ingestId: number })[]> {
  const routed = await db
    .select()
    .from(caseTransfers)
    .where(
      and(
        eq(caseTransfers.toBranch, branchCode),
        gt(caseTransfers.ingestId, cursor),
        upTo === null ? undefined : lte(caseTransfers.ingestId, upTo),
      ),
    )
    .orderBy(asc(caseTransfers.ingestId));
  const rows = await notYetReceived(db, branchCode, routed);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.caseId);
  const folded = await db.select().from(hqCases).where(inArray(hqCases.id, ids));
  const files = await attachmentsOfCases(db, ids);
  const data = new Map(folded.map((row) => [row.id, row.data as Record<string, unknown>]));
  // One read of the cases' events: every event is listed; only the work and transfer events, whose
  // payloads travel, bring their payload.
  const carried = [...CASE_WORK_EVENT_TYPES, CASE_TRANSFERRED];
  const held = await db
    .select({
      caseId: events.caseId,
      installationId: events.installationId,
      seq: events.seq,
      hlc: events.hlc,
      type: events.type,
      at: events.at,
      actorUserId: events.actorUserId,
      hash: events.hash,
      payload: sql<string | null>`CASE WHEN ${inArray(events.type, carried)} THEN ${events.payload} END`,
    })
    .from(events)
    .where(inArray(events.caseId, ids))
    .orderBy(asc(sql`coalesce(${events.hlc}, '') collate "C"`), asc(events.installationId), asc(events.seq));
  return rows.flatMap((row) => {
    const columns = data.get(row.caseId);
    if (!columns) return []; // its creating event has not reached HQ yet
    const { conflicts: _conflicts, ...rest } = columns;
    const ofCase = held.filter((e) => e.caseId === row.caseId);
    const history = ofCase.map(({ installationId, seq, type, at, actorUserId, hash }) => ({
      installationId,
      seq,
      type,
      at,
      actorUserId,
      hash,
    }));
    const work: TransferredWorkEvent[] = ofCase.flatMap(({ installationId, seq, hlc, type, payload }) =>
      type !== CASE_TRANSFERRED && payload !== null ? [{ installationId, seq, hlc, type, payload }] : [],
    );
    return [
      {
        caseId: row.caseId,
        fromBranch: row.fromBranch,
        toBranch: row.toBranch,
        at: row.at,
        columns: rest,
        history,
        work,
        reason: transferReason(ofCase.findLast((e) => e.type === CASE_TRANSFERRED)?.payload ?? null),
        attachments: files.filter((file) => file.caseId === row.caseId),
        ingestId: row.ingestId,
      },
    ];
  });
}

/**
 * Of `routed`, the transfers no PC of the branch has taken yet. One that a PC took (its
 * `case.transfer_received`, later in the branch's pull) reaches the branch's other PCs, and a PC
 * restored later, as that event: never built again from HQ's copies, where the sending branch's
 * events may since have been redacted by its disposal of its shell (docs/SYNC.md "Disposal").
 */
async function notYetReceived<T extends { caseId: string; ingestId: number }>(
  db: HqDb,
  branchCode: string,
  routed: readonly T[],
): Promise<T[]> {
  if (routed.length === 0) return [];
  const taken = await db
    .select({ caseId: events.caseId, ingestId: events.ingestId })
    .from(events)
    .where(
      and(
        inArray(
          events.caseId,
          routed.map((r) => r.caseId),
        ),
        eq(events.type, TRANSFER_RECEIVED),
        eq(events.branchCode, branchCode),
      ),
    );
  return routed.filter(
    (row) => !taken.some((event) => event.caseId === row.caseId && Number(event.ingestId) > row.ingestId),
  );
}

/** The reason the sender gave; a case transferred on, back and on again gives its latest. */
function transferReason(payload: string | null): string | null {
  const parsed = reasonPayload.safeParse(payload === null ? null : parseJson(payload));
  return parsed.success ? parsed.data.reason : null;
}
