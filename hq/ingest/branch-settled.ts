import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** An event of a branch HQ holds: its stamp, its place in HQ's arrival order, when it arrived. */
export interface BranchEvent {
  branchCode: string;
  hlc: string;
  ingestId: number;
  receivedAt: number;
}

/**
 * Whether no PC of the event's branch can still push an event ordered before it (docs/SYNC.md
 * "Files withheld…", "A transfer stamped after a disposal"): every installation of the branch that
 * was enrolled when the event reached HQ and is not revoked has either pushed an event stamped at
 * or after it (a chain's stamps only grow), or pulled past it with its whole chain at HQ
 * (`pulled_ingest_id`: everything it made before is here, and everything it makes after is stamped
 * later than every event it holds, this one included). A PC enrolled after the event arrived
 * cannot hold an earlier change (it gets the branch's history from HQ).
 */
export async function settledAfter(tx: Tx, event: BranchEvent): Promise<boolean> {
  const behind = await tx.execute<{ n: string }>(sql`SELECT count(*) AS n FROM installations i
    LEFT JOIN events e ON e.installation_id = i.id AND e.seq = i.head_seq
    WHERE i.branch_code = ${event.branchCode} AND i.revoked_at IS NULL
      AND i.enrolled_at <= ${event.receivedAt}
      AND coalesce(e.hlc, '') COLLATE "C" < ${event.hlc} COLLATE "C"
      AND i.pulled_ingest_id < ${event.ingestId}`);
  return Number(behind.rows[0]!.n) === 0;
}
