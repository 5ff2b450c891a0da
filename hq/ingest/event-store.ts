import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { SyncEvent } from '../../shared/sync/protocol';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** One array parameter (drizzle would otherwise spread a JS array into a list of parameters). */
export const arrayParam = (values: readonly unknown[]) => sql.param(values);

/**
 * Appends a batch's new events in ONE statement whatever its size: each column travels as one
 * array parameter and PostgreSQL unnests them, so there is no per-row SQL to build or bind (a
 * multi-row VALUES of 5,000 events was 70,000 parameters built by the query builder, most of the
 * ingest's time). The installation, branch and arrival time are the same for every row.
 */
export async function insertEvents(
  tx: Tx,
  installation: { id: string; branchCode: string },
  fresh: readonly SyncEvent[],
  now: number,
): Promise<void> {
  if (fresh.length === 0) return;
  const column = (pick: (event: SyncEvent) => unknown) => arrayParam(fresh.map(pick));
  await tx.execute(sql`INSERT INTO events
    (id, installation_id, branch_code, seq, case_id, type, actor_user_id, at, payload, prev_hash, hash, hlc, received_at)
    SELECT u.id, ${installation.id}::uuid, ${installation.branchCode}::text, u.seq, u.case_id, u.type,
      u.actor_user_id, u.at, u.payload, u.prev_hash, u.hash, u.hlc, ${now}::bigint
    FROM unnest(
      ${column((e) => e.id)}::uuid[], ${column((e) => e.seq)}::int[], ${column((e) => e.caseId)}::uuid[],
      ${column((e) => e.type)}::text[], ${column((e) => e.actorUserId)}::text[], ${column((e) => e.at)}::bigint[],
      ${column((e) => e.payload)}::text[], ${column((e) => e.prevHash)}::text[], ${column((e) => e.hash)}::text[],
      ${column((e) => e.hlc ?? null)}::text[]
    ) AS u(id, seq, case_id, type, actor_user_id, at, payload, prev_hash, hash, hlc)
    ORDER BY u.seq`);
}
