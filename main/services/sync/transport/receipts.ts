import type { ArchiveDb } from '../../../../db/open';
import { verifyBody } from '../../../../shared/sync/sync-crypto';
import { SyncError } from '../../../../shared/sync/sync-error';
import type { ChainReceipt } from '../../../../shared/sync/protocol';
import { historyEvents } from '../../../../db/schema';
import { and, eq } from 'drizzle-orm';
import { getInstallationId } from '../../../../db/repos/history.repo';
import {
  keepReceipt,
  readEnrollment,
  readLastReceipt,
  updateProgress,
  type EnrollmentState,
} from './sync-state';

/** Accepts a receipt only if HQ signed it for this installation; then it is kept and acknowledges its seq. */
export async function acceptReceipt(
  db: ArchiveDb,
  state: EnrollmentState,
  receipt: ChainReceipt,
): Promise<void> {
  const ok = await verifyBody(state.hqSigningKey, 'receipt', receipt.body, receipt.signature);
  if (!ok || receipt.body.hqId !== state.hqId || receipt.body.installationId !== getInstallationId(db)) {
    throw new SyncError('BAD_SIGNATURE', 'receipt not signed by the enrolled HQ for this installation');
  }
  keepReceipt(db, receipt);
  updateProgress(db, { ackedSeq: receipt.body.seq });
}

export type ReceiptCheck =
  | { status: 'none' }
  | { status: 'ok'; seq: number; at: number }
  | { status: 'mismatch' | 'missing' | 'bad-signature'; seq: number; at: number };

/**
 * `verify`'s second half: the local chain must still hold, at the seq HQ last signed for, the
 * very hash HQ signed. A chain rewritten consistently after a sync (every hash recomputed by
 * someone holding the archive key) fails here, because HQ's signature cannot be recomputed.
 */
export async function checkAgainstLastReceipt(db: ArchiveDb): Promise<ReceiptCheck> {
  const receipt = readLastReceipt(db);
  const state = readEnrollment(db);
  if (!receipt || !state || receipt.body.seq === 0) return { status: 'none' };
  const { seq, at } = receipt.body;
  if (!(await verifyBody(state.hqSigningKey, 'receipt', receipt.body, receipt.signature))) {
    return { status: 'bad-signature', seq, at };
  }
  const row = db
    .select({ hash: historyEvents.hash })
    .from(historyEvents)
    .where(and(eq(historyEvents.installationId, receipt.body.installationId), eq(historyEvents.seq, seq)))
    .get();
  if (!row) return { status: 'missing', seq, at };
  return row.hash === receipt.body.hash ? { status: 'ok', seq, at } : { status: 'mismatch', seq, at };
}
