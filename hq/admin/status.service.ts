import { asc, count, eq } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqCases, eventForks, installations } from '../db/schema';
import type { HqStatus } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import type { HqIdentity } from '../identity';
import { localDate } from '../../shared/domain/deadlines';
import { caseWorkByBranch } from './case-work-counts';
import { requireAdmin, type HqUser } from '../auth/hq-users';
import { recordHqAudit } from './hq-audit';
import { projectionLag } from '../ingest/branch-projection';
import { settleBranch } from '../ingest/settle-branch';
import { withheldFilesByBranch } from '../ingest/withheld-files';
import { heldTransfersByBranch } from '../ingest/held-transfers';
import { waitingCodes } from './enrollment.service';
import { activeTerminals, terminalClashesOf } from './terminal-codes';

/** `redress hq status` and the status page: installations with their heads and lag, cases per branch. */
export async function hqStatus(db: HqDb, identity: HqIdentity, now: number): Promise<HqStatus> {
  const rows = await db
    .select()
    .from(installations)
    .orderBy(asc(installations.branchCode), asc(installations.enrolledAt));
  const forkCounts = await db
    .select({ installationId: eventForks.installationId, forks: count() })
    .from(eventForks)
    .groupBy(eventForks.installationId);
  const forks = new Map(forkCounts.map((row) => [row.installationId, row.forks]));
  const perBranch = await db
    .select({ branchCode: hqCases.branchCode, cases: count() })
    .from(hqCases)
    .groupBy(hqCases.branchCode)
    .orderBy(asc(hqCases.branchCode));
  const terminals = await activeTerminals(db);
  const active = rows
    .filter((row) => row.revokedAt === null)
    .map((row) => ({
      installationId: row.id,
      branchCode: row.branchCode,
      hostname: row.hostname,
      lastSyncAt: row.lastSyncAt,
    }));
  return {
    hqId: identity.hqId,
    fingerprint: identity.fingerprint,
    installations: rows.map((row) => ({
      installationId: row.id,
      branchCode: row.branchCode,
      hostname: row.hostname,
      enrolledAt: row.enrolledAt,
      revokedAt: row.revokedAt,
      lastSyncAt: row.lastSyncAt,
      chainHead: { seq: row.headSeq, hash: row.headHash },
      lag: Math.max(0, row.reportedSeq - row.headSeq),
      forks: forks.get(row.id) ?? 0,
      terminalCode: terminals.get(row.id) ?? row.terminalCode,
    })),
    casesByBranch: perBranch,
    asOfDate: localDate(now),
    caseWorkByBranch: await caseWorkByBranch(db, localDate(now)),
    projection: await projectionLag(db),
    withheldFiles: await withheldFilesByBranch(db),
    heldTransfers: await heldTransfersByBranch(db),
    waitingCodes: await waitingCodes(db, now),
    terminalClashes: terminalClashesOf(active, terminals),
  };
}

/**
 * Revokes an installation (HQ administrators only): from now on its pushes, pulls and bundles are
 * refused. Revoking twice is harmless and audited once.
 */
export async function revokeInstallation(
  db: HqDb,
  actor: HqUser,
  installationId: string,
  now: number,
): Promise<{ revokedAt: number }> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const [held] = await tx
      .select({ branchCode: installations.branchCode, revokedAt: installations.revokedAt })
      .from(installations)
      .where(eq(installations.id, installationId))
      .for('update');
    if (!held) throw new SyncError('NOT_FOUND', `installation ${installationId} is not enrolled`);
    if (held.revokedAt !== null) return { revokedAt: held.revokedAt };
    await tx.update(installations).set({ revokedAt: now }).where(eq(installations.id, installationId));
    // A PC that will never push again no longer holds back its branch's disposals and transfers.
    await settleBranch(tx, held.branchCode);
    const detail = { branchCode: held.branchCode };
    await recordHqAudit(tx, actor, { action: 'installation.revoked', target: installationId, detail }, now);
    return { revokedAt: now };
  });
}
