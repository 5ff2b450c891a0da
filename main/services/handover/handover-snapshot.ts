import { sql } from 'drizzle-orm';
import { storedChainHeads } from '../../../db/repos/history.repo';
import { cases } from '../../../db/schema';
import type { HandoverSnapshot } from '../../../shared/domain/handover';
import type { ServiceContext } from '../context';
import { isKeyFileBound, readKeyFile } from '../keyring/key-file';
import { recoveryFingerprint } from '../keyring/recovery-key';
import { heldKeyOf } from '../keyring/session-keys';
import { checkAgainstLastReceipt } from '../sync/transport/receipts';

/**
 * The archive as it stands: cases counted by status (the whole file — a custodian takes all of it,
 * whatever branch scope their role has), each installation chain's stored head, the recovery
 * key's fingerprint, the key file's MAC and head office's last receipt. Cheap at a million cases:
 * one grouped count over the status index and a few key lookups; the full chain walk stays `verify`'s.
 */
export async function takeSnapshot(ctx: ServiceContext): Promise<HandoverSnapshot> {
  const { file, archiveKey } = heldKeyOf(ctx.db);
  const keyFile = readKeyFile(file);
  const receipt = await checkAgainstLastReceipt(ctx.db);
  const counts = ctx.db
    .select({ status: cases.status, count: sql<number>`count(*)` })
    .from(cases)
    .groupBy(cases.status)
    .all();
  const casesByStatus = Object.fromEntries(counts.map((row) => [row.status, row.count]));
  return {
    takenAt: ctx.clock.now(),
    totalCases: counts.reduce((sum, row) => sum + row.count, 0),
    casesByStatus,
    chainHeads: storedChainHeads(ctx.db),
    recoveryFingerprint: recoveryFingerprint(keyFile.recovery.publicKey),
    keyFile: isKeyFileBound(keyFile, [archiveKey]) ? 'intact' : 'changed',
    receipt,
  };
}
