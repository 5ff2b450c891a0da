import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { DISPOSAL_EVENT } from '../../shared/sync/case-fold';
import { batchIdOf } from './disposal-scope';
import type { Holder, WithheldFiles } from '../../shared/sync/protocol';
import { installationsBehind, type BranchEvent } from './branch-settled';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * Evidence files of a case its holder disposed of (docs/SYNC.md "Disposal of a transferred case",
 * "files withheld"). Whether a disposal was the holder's is judged at its place in the merged order,
 * and an offline PC of the disposing branch may still push an event ordered before it: a transfer
 * that made the case another branch's before the disposal (the disposal then destroyed the
 * sender's shell only). Such a PC's push may reach HQ after the disposal's, so HQ does not delete
 * the files when the holder's disposal arrives: it withholds them (served to nobody: no pull, no
 * transfer, no restore), gives them back to the case if the disposal turns out not to be the
 * holder's, and deletes them once the disposal's scope is settled: when no PC of the disposing
 * branch can bring such an event any more (`settled`).
 */
export async function withholdFiles(tx: Tx, caseId: string, batchId: string): Promise<void> {
  await tx.execute(sql`UPDATE attachments SET withheld_by = ${batchId}
    WHERE case_id = ${caseId} AND withheld_by IS NULL`);
}

/** The case's disposal was not its holder's after all (a transfer before it arrived): files served again. */
export async function releaseFiles(tx: Tx, caseId: string): Promise<void> {
  await tx.execute(sql`UPDATE attachments SET withheld_by = NULL
    WHERE case_id = ${caseId} AND withheld_by IS NOT NULL`);
}

interface WithheldDisposal extends BranchEvent {
  caseId: string;
  batchId: string;
  files: number;
}

/** A transaction or the pool: the status page reads what a push's transaction writes. */
type Reader = Pick<HqDb, 'execute'>;

/**
 * Deletes the files withheld by disposals of `branchCode` whose scope is now settled. Called where
 * that can change: after a push of the branch (an installation's head moved) and after one of its
 * installations is revoked. One read of a partial index when nothing is withheld (the usual case).
 */
export async function purgeSettledFiles(tx: Tx, branchCode: string): Promise<void> {
  for (const disposal of await withheldDisposals(tx, branchCode)) {
    if ((await installationsBehind(tx, disposal)).length > 0) continue;
    await tx.execute(sql`DELETE FROM attachments
      WHERE case_id = ${disposal.caseId} AND withheld_by = ${disposal.batchId}`);
  }
}

/**
 * For `hq status` and the status page: per branch, the files still withheld and the installations
 * holding them back. A PC that never syncs again would otherwise keep them at HQ unseen.
 */
export async function withheldFilesByBranch(db: Reader): Promise<WithheldFiles[]> {
  const byBranch = new Map<string, { files: number; cases: Set<string>; holdingBack: Map<string, Holder> }>();
  for (const disposal of await withheldDisposals(db)) {
    const branch = byBranch.get(disposal.branchCode) ?? {
      files: 0,
      cases: new Set(),
      holdingBack: new Map(),
    };
    byBranch.set(disposal.branchCode, branch);
    branch.files += disposal.files;
    branch.cases.add(disposal.caseId);
    for (const holder of await installationsBehind(db, disposal))
      branch.holdingBack.set(holder.installationId, holder);
  }
  return [...byBranch.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([branchCode, branch]) => ({
      branchCode,
      files: branch.files,
      cases: branch.cases.size,
      holdingBack: [...branch.holdingBack.values()],
    }));
}

/** The disposals withholding files (of `branchCode`, or of every branch), with their file counts. */
async function withheldDisposals(db: Reader, branchCode?: string): Promise<WithheldDisposal[]> {
  const withheld = await db.execute<{ case_id: string; withheld_by: string; files: number }>(
    sql`SELECT case_id, withheld_by, count(*)::int AS files FROM attachments
      WHERE withheld_by IS NOT NULL GROUP BY case_id, withheld_by ORDER BY case_id`,
  );
  if (withheld.rows.length === 0) return [];
  const found: WithheldDisposal[] = [];
  for (const row of withheld.rows) {
    const disposals = await db.execute<{
      branch_code: string;
      hlc: string | null;
      ingest_id: string;
      received_at: string;
      payload: string;
    }>(sql`SELECT branch_code, hlc, ingest_id, received_at, payload FROM events
      WHERE type = ${DISPOSAL_EVENT} AND case_id = ${row.case_id}`);
    const disposal = disposals.rows.find((d) => batchIdOf(JSON.parse(d.payload)) === row.withheld_by);
    if (!disposal || (branchCode !== undefined && disposal.branch_code !== branchCode)) continue;
    found.push({
      caseId: row.case_id,
      batchId: row.withheld_by,
      branchCode: disposal.branch_code,
      hlc: disposal.hlc ?? '',
      ingestId: Number(disposal.ingest_id),
      receivedAt: Number(disposal.received_at),
      files: Number(row.files),
    });
  }
  return found;
}
