import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { DISPOSAL_EVENT, disposalApplies } from '../../shared/sync/case-fold';
import { TRANSFER_RECEIVED } from '../../shared/sync/case-work-rows';
import type { SyncEvent } from '../../shared/sync/protocol';
import { arrayParam } from './event-store';
import { CASE_TRANSFERRED } from './transfers';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * Which of HQ's copies of a case a disposal destroys (docs/SYNC.md "Disposal of a transferred
 * case"), by the one rule of shared/sync/case-fold.ts `disposalApplies`: the disposal of the branch
 * that holds the case destroys every copy HQ holds (`onlyBranch` null); the disposal a sending
 * branch makes of the shell it kept after a transfer destroys that branch's events only, never the
 * receiving branch's live case, its files or its events (`onlyBranch` = the disposing branch).
 */
export interface DisposalScope {
  batchId: string;
  onlyBranch: string | null;
}

/**
 * The disposals that cover events of `fresh` (pushed by an installation of `pusher`): those in the
 * batch, and those of an earlier push for a case the batch touches (a PC that was offline).
 */
export async function disposalScopes(
  tx: Tx,
  pusher: string,
  fresh: readonly SyncEvent[],
): Promise<Map<string, DisposalScope>> {
  const inBatch = new Map<string, SyncEvent>();
  for (const event of fresh) {
    if (event.type === DISPOSAL_EVENT && event.caseId !== null) inBatch.set(event.caseId, event);
  }
  const scopes = await scopesInBatch(tx, pusher, fresh, inBatch);
  for (const [caseId, scope] of await disposedEarlier(tx, pusher, fresh, inBatch)) scopes.set(caseId, scope);
  return scopes;
}

interface HeldState {
  branchCode: unknown;
  transferredTo: unknown;
}

/** A disposal in the batch is the holder's when, at its place in the batch, the pusher held the case. */
async function scopesInBatch(
  tx: Tx,
  pusher: string,
  fresh: readonly SyncEvent[],
  inBatch: ReadonlyMap<string, SyncEvent>,
): Promise<Map<string, DisposalScope>> {
  const scopes = new Map<string, DisposalScope>();
  if (inBatch.size === 0) return scopes;
  const held = await heldStates(tx, [...inBatch.keys()]);
  for (const [caseId, disposal] of inBatch) {
    // A case HQ has never held (created and disposed of offline) is the pusher's own.
    const state = { ...(held.get(caseId) ?? { branchCode: pusher, transferredTo: null }) };
    // The batch's own transfers of the case before the disposal (one chain: seq order) change who holds it.
    for (const event of fresh) {
      if (event.caseId !== caseId || event.seq >= disposal.seq) continue;
      if (event.type === CASE_TRANSFERRED) state.transferredTo = transferTarget(event.payload);
      if (event.type === TRANSFER_RECEIVED) Object.assign(state, { branchCode: pusher, transferredTo: null });
    }
    const holder = disposalApplies(pusher, { ...state });
    scopes.set(caseId, { batchId: batchIdOf(disposal.payload), onlyBranch: holder ? null : pusher });
  }
  return scopes;
}

async function heldStates(tx: Tx, ids: readonly string[]): Promise<Map<string, HeldState>> {
  const rows = await tx.execute<{ id: string; branch_code: string; transferred_to: string | null }>(
    sql`SELECT id, branch_code, data->>'transferredTo' AS transferred_to FROM cases
      WHERE id = ANY(${arrayParam(ids)}::uuid[])`,
  );
  return new Map(
    rows.rows.map((row) => [row.id, { branchCode: row.branch_code, transferredTo: row.transferred_to }]),
  );
}

/**
 * Cases of `fresh` disposed of by an earlier push, with the scope that covers the pusher's events:
 * one read of the partial index of disposals (events_disposed_case_idx), nothing when the batch
 * touches none. A disposal is the holder's when the case HQ holds now is that branch's (a case is
 * not transferred once disposed of); another branch's covers only its own branch's late events.
 */
async function disposedEarlier(
  tx: Tx,
  pusher: string,
  fresh: readonly SyncEvent[],
  inBatch: ReadonlyMap<string, SyncEvent>,
): Promise<Map<string, DisposalScope>> {
  const ids = [
    ...new Set(fresh.flatMap((e) => (e.caseId === null || inBatch.has(e.caseId) ? [] : [e.caseId]))),
  ];
  const found = new Map<string, DisposalScope>();
  if (ids.length === 0) return found;
  const rows = await tx.execute<{
    case_id: string;
    payload: string;
    branch_code: string;
    held_by: string | null;
    transferred_to: string | null;
  }>(
    sql`SELECT e.case_id, e.payload, e.branch_code, c.branch_code AS held_by,
        c.data->>'transferredTo' AS transferred_to
      FROM events e LEFT JOIN cases c ON c.id = e.case_id
      WHERE e.type = ${DISPOSAL_EVENT} AND e.case_id = ANY(${arrayParam(ids)}::uuid[])`,
  );
  for (const row of rows.rows) {
    const holder = disposalApplies(row.branch_code, {
      branchCode: row.held_by ?? row.branch_code,
      transferredTo: row.transferred_to,
    });
    const scope = { batchId: batchIdOf(row.payload), onlyBranch: holder ? null : row.branch_code };
    // The holder's disposal covers everyone's late events; another branch's only its own.
    if (holder || (row.branch_code === pusher && !found.has(row.case_id))) found.set(row.case_id, scope);
  }
  return found;
}

function transferTarget(payload: string): string | null {
  const { toBranch } = parseObject(payload);
  return typeof toBranch === 'string' ? toBranch : null;
}

export function batchIdOf(payload: string): string {
  const { batchId } = parseObject(payload);
  return typeof batchId === 'string' ? batchId : '';
}

export function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
