import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { Holder } from '../../shared/sync/protocol';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** An event of a branch HQ holds: its stamp, its place in HQ's arrival order, when it arrived. */
export interface BranchEvent {
  branchCode: string;
  hlc: string;
  ingestId: number;
  receivedAt: number;
}

/** A transaction or the pool: the status page reads what a push's transaction writes. */
type Reader = Pick<HqDb, 'execute'>;

/**
 * Whether no PC of the event's branch can still push an event ordered before it (docs/SYNC.md
 * "Files withheld…", "A transfer stamped after a disposal"): no installation is behind it.
 */
export async function settledAfter(tx: Tx, event: BranchEvent): Promise<boolean> {
  return (await installationsBehind(tx, event)).length === 0;
}

/**
 * The installations a settlement waits for: those of the event's branch that were enrolled when
 * it reached HQ, are not revoked, and have neither pushed an event stamped at or after it (a
 * chain's stamps only grow, so everything such an installation made before it in the merged order
 * is at HQ once it has, and a later event cannot be ordered before it) nor pulled past it with
 * their whole chain at HQ (`pulled_ingest_id`: everything they made before is here, and
 * everything they make after is stamped later than every event they hold, this one included). A
 * PC enrolled after the event arrived cannot hold an earlier change (it gets the branch's history
 * from HQ).
 */
export async function installationsBehind(db: Reader, event: BranchEvent): Promise<Holder[]> {
  const behind = await db.execute<{ id: string; hostname: string; last_sync_at: string | null }>(
    sql`SELECT i.id, i.hostname, i.last_sync_at FROM installations i
    LEFT JOIN events e ON e.installation_id = i.id AND e.seq = i.head_seq
    WHERE i.branch_code = ${event.branchCode} AND i.revoked_at IS NULL
      AND i.enrolled_at <= ${event.receivedAt}
      AND coalesce(e.hlc, '') COLLATE "C" < ${event.hlc} COLLATE "C"
      AND i.pulled_ingest_id < ${event.ingestId}
    ORDER BY i.enrolled_at, i.id`,
  );
  return behind.rows.map((row) => ({
    installationId: row.id,
    hostname: row.hostname,
    lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
  }));
}
