import crypto from 'node:crypto';
import type { ArchiveDb } from '../../../../db/open';
import { getInstallationId } from '../../../../db/repos/history.repo';
import { openBundle, parseBundle, sealBundle } from '../../../../shared/sync/bundle';
import {
  MAX_EVENTS_PER_BATCH,
  replyBundleContentSchema,
  type PushBatch,
} from '../../../../shared/sync/protocol';
import { SyncError } from '../../../../shared/sync/sync-error';
import type { ApplyTotals, SyncEngine } from './engine-port';
import { requireEnrollment } from './enroll';
import { applyPullPage, signedBatches, signedPull } from './exchange';
import { hasImportedBundle, readProgress, recordImportedBundle, updateProgress } from './sync-state';

/**
 * USB bundles for a branch with no link (docs/SYNC.md "Bundles"). The export holds every own event
 * HQ has not acknowledged, as the same signed batches a push would send, plus a signed pull
 * request; it is encrypted to HQ's key and signed by this installation. Exporting changes nothing
 * here: only HQ's reply (its receipts) acknowledges events.
 */
export async function exportBundle(
  db: ArchiveDb,
  engine: SyncEngine,
  now: number,
): Promise<{ text: string; events: number; bundleId: string }> {
  const state = requireEnrollment(db);
  const batches: PushBatch[] = [];
  let afterSeq = readProgress(db).ackedSeq;
  for (;;) {
    const batch = await signedBatches(db, state, engine, afterSeq, MAX_EVENTS_PER_BATCH);
    if (!batch) break;
    batches.push(batch);
    afterSeq = batch.body.events[batch.body.events.length - 1]!.seq;
  }
  const bundleId = crypto.randomUUID();
  const content = { batches, pull: await signedPull(db, state, engine, readProgress(db).cursor, now) };
  const header = {
    kind: 'push' as const,
    bundleId,
    hqId: state.hqId,
    installationId: getInstallationId(db),
    branchCode: state.branchCode,
    createdAt: now,
  };
  const text = await sealBundle(header, content, state.hqEncryptionKey, state.signing.privateKey);
  return { text, events: batches.reduce((sum, b) => sum + b.body.events.length, 0), bundleId };
}

export interface ReplyImport extends ApplyTotals {
  alreadyImported: boolean;
  bundleId: string;
  ackedSeq: number;
}

/** `redress sync import-bundle R`: checks HQ's signature, applies the pull, keeps the receipt. Twice: nothing changes, and it says so. */
export async function importReplyBundle(
  db: ArchiveDb,
  engine: SyncEngine,
  text: string,
  now: number,
): Promise<ReplyImport> {
  const state = requireEnrollment(db);
  const envelope = parseBundle(text);
  if (envelope.kind !== 'reply')
    throw new SyncError('BUNDLE_FOR_HQ', 'this is a push bundle, for head office');
  if (envelope.hqId !== state.hqId) throw new SyncError('WRONG_HQ', `reply from HQ ${envelope.hqId}`);
  if (envelope.installationId !== getInstallationId(db)) {
    throw new SyncError('BUNDLE_OTHER_INSTALLATION', `reply for installation ${envelope.installationId}`);
  }
  const parsed = replyBundleContentSchema.safeParse(
    await openBundle(envelope, state.hqSigningKey, state.encryption),
  );
  if (!parsed.success) throw new SyncError('BUNDLE_INVALID', parsed.error.message.slice(0, 500));
  const none = { applied: 0, alreadyPresent: 0, casesChanged: 0, conflicts: 0 };
  if (hasImportedBundle(db, envelope.bundleId)) {
    return {
      alreadyImported: true,
      bundleId: envelope.bundleId,
      ackedSeq: readProgress(db).ackedSeq,
      ...none,
    };
  }
  const totals = await applyPullPage(db, state, engine, parsed.data.pull, now);
  recordImportedBundle(db, envelope.bundleId);
  // The round trip by USB is a sync like any other: the status says when it last succeeded.
  updateProgress(db, { lastSyncAt: now, lastError: null });
  return {
    alreadyImported: false,
    bundleId: envelope.bundleId,
    ackedSeq: readProgress(db).ackedSeq,
    ...totals,
  };
}
