import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { HeldTransfers, Holder } from '../../shared/sync/protocol';
import { installationsBehind, settledAfter, type BranchEvent } from './branch-settled';
import { CASE_TRANSFERRED } from './transfers';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** A transaction or the pool: the status page reads what a push's transaction writes. */
type Reader = Pick<HqDb, 'execute'>;

/** A transfer HQ holds back, with its `case.transferred` event's place in the merged order. */
interface HeldTransfer extends BranchEvent {
  caseId: string;
  caseNo: string | null;
  toBranch: string;
  /** When the sender transferred the case (its PC's clock); with the case, the transfer's key. */
  at: number;
}

/**
 * Routes the held transfers of `fromBranch` that no PC of that branch can now precede with a
 * disposal of the case (branch-settled.ts): each takes a new ingest id under the receiving
 * branch's advisory lock, as when it was recorded, so the receiving branch's pulls (whose cursors
 * may have passed its first id) find it after their cursor. Called after a push or a pull of the
 * sending branch, and after one of its installations is revoked. One read of a partial index when
 * none is held (the usual case).
 */
export async function routeSettledTransfers(tx: Tx, fromBranch: string): Promise<void> {
  for (const held of await heldTransfers(tx, fromBranch)) {
    if (!(await settledAfter(tx, held))) continue;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${held.toBranch}))`);
    await tx.execute(sql`UPDATE case_transfers SET held = false, ingest_id = nextval('hq_ingest_seq')
      WHERE case_id = ${held.caseId} AND at = ${held.at}`);
  }
}

/**
 * For `hq status` and the status page: per sending branch, the transfers HQ still holds back and
 * the installations it waits for. A PC that never syncs again would otherwise keep a transfer from
 * the receiving branch unseen.
 */
export async function heldTransfersByBranch(db: Reader): Promise<HeldTransfers[]> {
  type Branch = { transfers: HeldTransfers['transfers']; holdingBack: Map<string, Holder> };
  const byBranch = new Map<string, Branch>();
  for (const held of await heldTransfers(db)) {
    const branch: Branch = byBranch.get(held.branchCode) ?? { transfers: [], holdingBack: new Map() };
    byBranch.set(held.branchCode, branch);
    branch.transfers.push({ caseId: held.caseId, caseNo: held.caseNo, toBranch: held.toBranch, at: held.at });
    for (const holder of await installationsBehind(db, held))
      branch.holdingBack.set(holder.installationId, holder);
  }
  return [...byBranch.entries()].map(([branchCode, branch]) => ({
    branchCode,
    transfers: branch.transfers,
    holdingBack: [...branch.holdingBack.values()],
  }));
}

/** The transfers held back (from `fromBranch`, or from every branch), by branch, then oldest first. */
async function heldTransfers(db: Reader, fromBranch?: string): Promise<HeldTransfer[]> {
  const held = await db.execute<{
    case_id: string;
    case_no: string | null;
    from_branch: string;
    to_branch: string;
    at: string;
    hlc: string | null;
    ingest_id: string;
    received_at: string;
  }>(
    sql`SELECT t.case_id, c.case_no, t.from_branch, t.to_branch, t.at, e.hlc, e.ingest_id, e.received_at
      FROM case_transfers t JOIN events e ON e.case_id = t.case_id AND e.type = ${CASE_TRANSFERRED}
        AND e.at = t.at AND e.branch_code = t.from_branch
      LEFT JOIN cases c ON c.id = t.case_id
      WHERE t.held ${fromBranch === undefined ? sql`` : sql`AND t.from_branch = ${fromBranch}`}
      ORDER BY t.from_branch COLLATE "C", t.at, t.case_id`,
  );
  return held.rows.map((row) => ({
    caseId: row.case_id,
    caseNo: row.case_no,
    branchCode: row.from_branch,
    toBranch: row.to_branch,
    at: Number(row.at),
    hlc: row.hlc ?? '',
    ingestId: Number(row.ingest_id),
    receivedAt: Number(row.received_at),
  }));
}
