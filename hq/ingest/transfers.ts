import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { HqDb } from '../db/open';
import { attachmentsOfCases } from './attachments';
import { settledAfter, type BranchEvent } from './branch-settled';
import { disposalScopes } from './disposal-scope';
import { caseTransfers, events, hqCases } from '../db/schema';
import { CASE_WORK_EVENT_TYPES, parseJson, TRANSFER_RECEIVED } from '../../shared/sync/case-work-rows';
import {
  branchCodeSchema,
  transferredWorkEventSchema,
  type CaseTransfer,
  type SyncEvent,
  type TransferredWorkEvent,
} from '../../shared/sync/protocol';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** What the sending branch's `case.transferred` event says (the rest of its payload is the writer's). */
const transferPayload = z.looseObject({ fromBranch: branchCodeSchema, toBranch: branchCodeSchema });
const reasonPayload = z.looseObject({ reason: z.string().max(2_000) });
/** The case as the sender handed it over (main/services/sync/transfer/transfer.service.ts senderCopy). */
const copyPayload = z.looseObject({
  reason: z.string().max(2_000).nullable().default(null),
  copy: z.object({
    columns: z.record(z.string(), z.unknown()),
    work: z.array(transferredWorkEventSchema).max(100_000),
  }),
});

/** What case_transfers.snapshot keeps for the receiving branch. */
interface TransferSnapshot {
  columns: Record<string, unknown>;
  work: TransferredWorkEvent[];
  reason: string | null;
}

export const CASE_TRANSFERRED = 'case.transferred';

/**
 * Routes cases a push transferred to another branch (docs/SYNC.md "Case transfers"): one row of
 * `case_transfers` each, in the push's transaction. The row takes its ingest id under the
 * receiving branch's advisory lock, as that branch's own events do, so the receiving branch's
 * pull cursor can never pass it before it commits.
 */
export async function recordTransfers(tx: Tx, pusher: string, fresh: readonly SyncEvent[]): Promise<void> {
  for (const event of fresh) {
    if (event.type !== CASE_TRANSFERRED || event.caseId === null) continue;
    const parsed = transferPayload.safeParse(JSON.parse(event.payload));
    if (!parsed.success) continue; // kept in the chain; HQ routes only what it can read
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${parsed.data.toBranch}))`);
    const { fromBranch, toBranch } = parsed.data;
    // From the pushed payload in memory (a disposal of the sender's shell in the same push redacts
    // only the stored copy), unless the case's holder disposed of it: then a pull serves the case
    // as HQ folded it, the disposed shell ("A transfer stamped after a disposal").
    const holderDisposed = (await disposalScopes(tx, pusher, [event])).get(event.caseId)?.onlyBranch === null;
    await tx
      .insert(caseTransfers)
      .values({
        caseId: event.caseId,
        fromBranch,
        toBranch,
        at: event.at,
        snapshot: holderDisposed ? null : snapshotOf(event.payload),
        held: !(await settledAfter(tx, await storedEvent(tx, event, fromBranch))),
      })
      .onConflictDoNothing();
  }
}

/** The transfer event as HQ stored it (its place in the arrival order, when it arrived). */
async function storedEvent(tx: Tx, event: SyncEvent, branchCode: string): Promise<BranchEvent> {
  const [row] = await tx
    .select({ ingestId: events.ingestId, receivedAt: events.receivedAt })
    .from(events)
    .where(and(eq(events.installationId, event.installationId), eq(events.seq, event.seq)));
  return { branchCode, hlc: event.hlc ?? '', ingestId: row!.ingestId, receivedAt: row!.receivedAt };
}

/** The copy a sender's `case.transferred` carries, or null (an older sender's transfer: served live). */
function snapshotOf(payload: string): TransferSnapshot | null {
  const parsed = copyPayload.safeParse(parseJson(payload));
  if (!parsed.success) return null;
  return { ...parsed.data.copy, reason: parsed.data.reason };
}

/**
 * Transfers to `branchCode` after `cursor` (up to `upTo` when the page is not the last): each with
 * the case as the sender handed it over (its snapshot: columns, case-work events with their
 * payloads, so the receiving branch keeps the contact log and the actions, and the sender's
 * reason), or for a transfer without one, the case as HQ folded it and its work events as HQ holds
 * them; the list of its events so far and its evidence files.
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
        eq(caseTransfers.held, false),
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
    const snapshot = row.snapshot as TransferSnapshot | null;
    return [
      {
        caseId: row.caseId,
        fromBranch: row.fromBranch,
        toBranch: row.toBranch,
        at: row.at,
        columns: snapshot?.columns ?? rest,
        history,
        work: snapshot?.work ?? work,
        reason:
          snapshot?.reason ??
          transferReason(ofCase.findLast((e) => e.type === CASE_TRANSFERRED)?.payload ?? null),
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
