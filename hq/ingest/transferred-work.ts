import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { holdersWorkRows, TRANSFER_RECEIVED, type WorkRow } from '../../shared/sync/case-work-rows';
import type { SyncEvent } from '../../shared/sync/protocol';
import { arrayParam } from './event-store';
import { CASE_TRANSFERRED } from './transfers';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * Of the cases `fresh` touches, those that changed hands (a transfer event in the batch, or a
 * transfer HQ routed earlier): their work rows are projected from all their events by the holder
 * rule (shared/sync/case-work-rows.ts holdersWorkRows) rather than row by row. One indexed read of
 * `case_transfers`, only when the batch has case events; transfers are rare.
 */
export async function casesThatChangedHands(tx: Tx, fresh: readonly SyncEvent[]): Promise<Set<string>> {
  const changed = new Set<string>();
  const others = new Set<string>();
  for (const event of fresh) {
    if (event.caseId === null) continue;
    if (event.type === CASE_TRANSFERRED || event.type === TRANSFER_RECEIVED) changed.add(event.caseId);
    else others.add(event.caseId);
  }
  for (const id of changed) others.delete(id);
  if (others.size === 0) return changed;
  const routed = await tx.execute<{ case_id: string }>(
    sql`SELECT DISTINCT case_id FROM case_transfers WHERE case_id = ANY(${arrayParam([...others])}::uuid[])`,
  );
  for (const row of routed.rows) changed.add(row.case_id);
  return changed;
}

/** Every work row of `caseIds`, as their holders hold them, from all the events HQ holds of them. */
export async function holdersRowsOf(tx: Tx, caseIds: readonly string[]): Promise<WorkRow[]> {
  if (caseIds.length === 0) return [];
  const result = await tx.execute<Record<string, unknown>>(
    sql`SELECT case_id, installation_id, branch_code, seq, hlc, type, payload FROM events
      WHERE case_id = ANY(${arrayParam(caseIds)}::uuid[])`,
  );
  const byCase = new Map<string, Parameters<typeof holdersWorkRows>[0][number][]>();
  for (const row of result.rows) {
    const caseId = String(row.case_id);
    const list = byCase.get(caseId) ?? [];
    list.push({
      caseId,
      installationId: String(row.installation_id),
      branchCode: String(row.branch_code),
      seq: Number(row.seq),
      hlc: typeof row.hlc === 'string' ? row.hlc : '',
      type: String(row.type),
      payload: String(row.payload),
    });
    byCase.set(caseId, list);
  }
  return [...byCase.values()].flatMap((events) => [...holdersWorkRows(events).values()]);
}
