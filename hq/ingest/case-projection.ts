import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { localDate } from '../../shared/domain/deadlines';
import { foldCase, foldCaseFrom, type FoldEvent, type FoldResult } from '../../shared/sync/case-fold';
import { compareEventOrder } from '../../shared/sync/hlc';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orderKey } from './chain-check';
import { arrayParam } from './event-store';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];
export type CaseData = Record<string, unknown>;

type HeldCase = {
  id: string;
  data: CaseData;
  last_order: string;
};

/**
 * Brings HQ's `cases` projection up to date in the push's transaction, after the batch's events
 * are stored, with the branches' own fold (shared/sync/case-fold.ts) in the same order (clock
 * stamp, installation, seq), so HQ ends with exactly the row every installation of the branch ends
 * with, whatever order pushes arrive in. Each touched case once per batch:
 * - when all its new events come after the last one folded into the row HQ holds (the usual case)
 *   and the row has no open conflict, the new events are folded onto that row;
 * - a case HQ has never heard of is folded from the batch alone;
 * - anything else (an event ordered before what was folded, open conflicts, events held without
 *   their creating event) is refolded from every event HQ holds for it.
 * The rows are locked first, so two pushes touching one case (a transferred case, two branches)
 * fold one after the other, each onto the other's committed result.
 */
export async function projectCases(
  tx: Tx,
  installation: { id: string; branchCode: string },
  fresh: readonly SyncEvent[],
  now: number,
): Promise<void> {
  const byCase = groupByCase(fresh, installation.branchCode);
  if (byCase.size === 0) return;
  const ids = [...byCase.keys()].sort();
  const held = await lockHeldCases(tx, ids);
  const refold = new Set<string>();
  const rows: ProjectedRow[] = [];
  for (const id of ids) {
    const events = byCase.get(id)!;
    const row = held.get(id);
    const start = row ? continuable(row, events) : null;
    if (row && !start) refold.add(id);
    else if (start) rows.push(...projected(id, installation.branchCode, foldCaseFrom(start, events), events));
  }
  const newCases = ids.filter((id) => !held.has(id));
  for (const id of await casesWithEarlierEvents(tx, newCases, installation.id, fresh)) refold.add(id);
  for (const id of newCases) {
    if (refold.has(id)) continue;
    const events = byCase.get(id)!;
    rows.push(...projected(id, installation.branchCode, foldCase(events), events));
  }
  for (const [id, events] of await heldEvents(tx, [...refold])) {
    rows.push(...projected(id, installation.branchCode, foldCase(events), events));
  }
  await upsertCases(tx, rows, now);
}

function groupByCase(fresh: readonly SyncEvent[], branchCode: string): Map<string, FoldEvent[]> {
  const byCase = new Map<string, FoldEvent[]>();
  for (const event of fresh) {
    if (event.caseId === null) continue;
    const list = byCase.get(event.caseId) ?? [];
    // The pusher's branch: a disposal destroys only that branch's copy (case-fold disposalApplies).
    list.push({ ...event, hlc: event.hlc ?? '', payload: parsePayload(event.payload), branchCode });
    byCase.set(event.caseId, list);
  }
  return byCase;
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // a payload that is not JSON changes no row (the fold skips it)
  }
}

/** The fold so far when `events` all come after what the row holds and it has no open conflict. */
function continuable(row: HeldCase, events: readonly FoldEvent[]): FoldResult | null {
  const { conflicts, ...columns } = row.data;
  if (conflicts !== 0) return null;
  const parts = row.last_order.split('|');
  if (parts.length !== 3) return null;
  const last = { hlc: parts[0]!, installationId: parts[1]!, seq: Number(parts[2]) };
  if (!events.every((event) => compareEventOrder(event, last) > 0)) return null;
  return { columns, conflicts: [], changedAt: null };
}

async function lockHeldCases(tx: Tx, ids: readonly string[]): Promise<Map<string, HeldCase>> {
  const result = await tx.execute<HeldCase>(
    sql`SELECT id, data, last_order FROM cases WHERE id = ANY(${arrayParam(ids)}::uuid[]) ORDER BY id FOR UPDATE`,
  );
  return new Map(result.rows.map((row) => [row.id, row]));
}

/**
 * Of `ids`, the cases HQ held events for before this batch (their creating event may be missing).
 * One index probe per case, stopping at the first such event (LATERAL … LIMIT 1 keeps the planner
 * from a hash join over all of `events`, which it chose on stale statistics: a scan of the whole
 * table per batch, PostgreSQL's largest cost at 100,000 events).
 */
async function casesWithEarlierEvents(
  tx: Tx,
  ids: readonly string[],
  installationId: string,
  fresh: readonly SyncEvent[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const result = await tx.execute<{ case_id: string }>(
    sql`SELECT c.case_id FROM unnest(${arrayParam(ids)}::uuid[]) AS c(case_id)
      CROSS JOIN LATERAL (SELECT 1 FROM events e WHERE e.case_id = c.case_id
        AND NOT (e.installation_id = ${installationId}::uuid AND e.seq BETWEEN ${fresh[0]!.seq} AND ${fresh[fresh.length - 1]!.seq})
        LIMIT 1) AS earlier`,
  );
  return result.rows.map((row) => row.case_id);
}

/** Every event HQ holds of these cases, ready to fold (each carries the branch that pushed it). */
export async function heldEvents(tx: Tx, ids: readonly string[]): Promise<Map<string, FoldEvent[]>> {
  const byCase = new Map<string, FoldEvent[]>();
  if (ids.length === 0) return byCase;
  const result = await tx.execute<Record<string, unknown>>(
    sql`SELECT case_id, id, installation_id, branch_code, seq, hlc, type, at, payload FROM events
      WHERE case_id = ANY(${arrayParam(ids)}::uuid[])`,
  );
  for (const row of result.rows) {
    const caseId = String(row.case_id);
    const list = byCase.get(caseId) ?? [];
    list.push({
      id: String(row.id),
      installationId: String(row.installation_id),
      seq: Number(row.seq),
      hlc: typeof row.hlc === 'string' ? row.hlc : '',
      type: String(row.type),
      at: Number(row.at),
      payload: parsePayload(String(row.payload)),
      branchCode: String(row.branch_code),
    });
    byCase.set(caseId, list);
  }
  return byCase;
}

interface ProjectedRow {
  id: string;
  branchCode: string;
  caseNo: string | null;
  status: string | null;
  receivedMonth: string | null;
  data: CaseData;
  lastOrder: string;
  /** The fold's `changedAt`; null when the events folded onto the held row changed nothing. */
  changedAt: number | null;
}

/** The row for a fold; none while the case's creating event has not arrived. */
function projected(
  id: string,
  branchCode: string,
  folded: FoldResult,
  events: readonly FoldEvent[],
): ProjectedRow[] {
  if (!folded.columns) return [];
  const data: CaseData = { ...folded.columns, conflicts: folded.conflicts.length };
  const last = events.reduce((a, b) => (compareEventOrder(a, b) >= 0 ? a : b));
  return [
    {
      id,
      branchCode: typeof data.branchCode === 'string' ? data.branchCode : branchCode,
      caseNo: typeof data.caseNo === 'string' ? data.caseNo : null,
      status: typeof data.status === 'string' ? data.status : null,
      receivedMonth: receivedMonth(data),
      data,
      lastOrder: orderKey(last),
      changedAt: folded.changedAt,
    },
  ];
}

/**
 * One statement per batch: the rows travel as ONE JSON parameter (each `data` a nested object,
 * written out once by JSON.stringify) instead of a jsonb[] array literal, whose element escaping
 * of every quote in 3 kB of case JSON cost more than the fold itself.
 */
async function upsertCases(tx: Tx, rows: readonly ProjectedRow[], now: number): Promise<void> {
  if (rows.length === 0) return;
  // A fold continued onto the held row whose events changed nothing keeps the row's `changed_at`.
  await tx.execute(sql`INSERT INTO cases (id, branch_code, case_no, status, received_month, data, last_order, updated_at, changed_at)
    SELECT u.id, u."branchCode", u."caseNo", u.status, u."receivedMonth", u.data, u."lastOrder", ${now}::bigint, u."changedAt"
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS u(id uuid, "branchCode" text, "caseNo" text, status text, "receivedMonth" text, data jsonb, "lastOrder" text, "changedAt" bigint)
    ON CONFLICT (id) DO UPDATE SET branch_code = excluded.branch_code, case_no = excluded.case_no,
      status = excluded.status, received_month = excluded.received_month, data = excluded.data,
      last_order = excluded.last_order, updated_at = excluded.updated_at,
      changed_at = COALESCE(excluded.changed_at, cases.changed_at)`);
}

/**
 * `YYYY-MM` of the case's received date, for the branch × month index. The branch sends its own
 * calendar's date; an instant alone is read on the branch calendar (China time), not in UTC, where
 * a case received on the 1st before 08:00 would fall into the month before.
 */
export function receivedMonth(data: CaseData): string | null {
  const value = data.receivedDate ?? data.receivedAt;
  if (typeof value === 'string' && /^\d{4}-\d{2}/.test(value)) return value.slice(0, 7);
  if (typeof value === 'number') return localDate(value).slice(0, 7);
  return null;
}
