import { asc, inArray, eq, sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqCases, events } from '../db/schema';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orderKey } from './chain-check';
import { foldEvent, receivedMonth, type CaseData } from './case-fold';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

interface Projected {
  data: CaseData | null;
  lastOrder: string;
}

/**
 * Brings the `cases` projection up to date with newly stored events, in the push's transaction.
 * An event later in the merge order than everything folded so far is applied on top; one that
 * sorts earlier (a PC that was offline) makes HQ refold that case from all its events, so HQ ends
 * with the same case whatever order the branches' pushes arrive in.
 */
export async function projectCases(tx: Tx, branchCode: string, fresh: readonly SyncEvent[], now: number) {
  const byCase = new Map<string, SyncEvent[]>();
  for (const event of fresh) {
    if (event.caseId === null) continue;
    const list = byCase.get(event.caseId) ?? [];
    list.push(event);
    byCase.set(event.caseId, list);
  }
  if (byCase.size === 0) return;
  const ids = [...byCase.keys()];
  const existing = await tx
    .select({
      id: hqCases.id,
      data: hqCases.data,
      lastOrder: hqCases.lastOrder,
      branchCode: hqCases.branchCode,
    })
    .from(hqCases)
    .where(inArray(hqCases.id, ids));
  const current = new Map(existing.map((row) => [row.id, row]));
  const rows = [];
  for (const [caseId, list] of byCase) {
    const held = current.get(caseId);
    const projected = await foldCase(
      tx,
      held ? { data: held.data as CaseData, lastOrder: held.lastOrder } : null,
      caseId,
      list,
    );
    if (!projected.data) continue;
    const data = projected.data;
    rows.push({
      id: caseId,
      branchCode: typeof data.branchCode === 'string' ? data.branchCode : (held?.branchCode ?? branchCode),
      caseNo: typeof data.caseNo === 'string' ? data.caseNo : null,
      status: typeof data.status === 'string' ? data.status : null,
      receivedMonth: receivedMonth(data),
      data,
      lastOrder: projected.lastOrder,
      updatedAt: now,
    });
  }
  if (rows.length === 0) return;
  await tx
    .insert(hqCases)
    .values(rows)
    .onConflictDoUpdate({
      target: hqCases.id,
      set: {
        branchCode: sql`excluded.branch_code`,
        caseNo: sql`excluded.case_no`,
        status: sql`excluded.status`,
        receivedMonth: sql`excluded.received_month`,
        data: sql`excluded.data`,
        lastOrder: sql`excluded.last_order`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

async function foldCase(
  tx: Tx,
  held: Projected | null,
  caseId: string,
  fresh: SyncEvent[],
): Promise<Projected> {
  const sorted = [...fresh].sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : 1));
  const isInOrder = held !== null && held.data !== null && orderKey(sorted[0]!) > held.lastOrder;
  if (isInOrder) return foldAll(held, sorted);
  // Out of order (or the creation arrived late): refold from every event HQ holds for the case.
  const all = await tx
    .select()
    .from(events)
    .where(eq(events.caseId, caseId))
    .orderBy(asc(sql`coalesce(${events.hlc}, '') collate "C"`), asc(events.installationId), asc(events.seq));
  return foldAll({ data: null, lastOrder: '' }, all as SyncEvent[]);
}

function foldAll(start: Projected, sorted: readonly SyncEvent[]): Projected {
  let { data, lastOrder } = start;
  for (const event of sorted) {
    data = foldEvent(data, event);
    lastOrder = orderKey(event);
  }
  return { data, lastOrder };
}
