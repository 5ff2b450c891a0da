import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { importedBundles, installations } from '../db/schema';
import { openBundle, parseBundle, sealBundle } from '../../shared/sync/bundle';
import {
  pushBundleContentSchema,
  type ImportBundleResponse,
  type PullRequest,
  type PullResponse,
  type ReplyBundleContent,
} from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import type { HqIdentity } from '../identity';
import { ingestBatch } from '../ingest/push.service';
import { authenticateInstallation } from '../ingest/installations';
import { pullPage } from '../ingest/pull.service';

/**
 * `redress hq import-bundle`: a branch's USB bundle goes through exactly the checks of a push
 * (each batch is ingested by `ingestBatch`), then HQ writes the reply: receipts and the branch's
 * whole pull, encrypted to the installation and signed by HQ. A bundle imported before changes
 * nothing and the answer says so; its reply is written again, so a lost reply can be re-made.
 */
export async function importBundle(
  db: HqDb,
  identity: HqIdentity,
  text: string,
  now: number,
): Promise<ImportBundleResponse> {
  const envelope = parseBundle(text);
  if (envelope.kind !== 'push')
    throw new SyncError('BUNDLE_FOR_BRANCH', 'this is a reply bundle, for a branch');
  if (envelope.hqId !== identity.hqId) throw new SyncError('WRONG_HQ', `bundle for HQ ${envelope.hqId}`);
  const [installation] = await db
    .select()
    .from(installations)
    .where(eq(installations.id, envelope.installationId));
  if (!installation)
    throw new SyncError('UNKNOWN_INSTALLATION', `installation ${envelope.installationId} is not enrolled`);
  if (installation.revokedAt !== null)
    throw new SyncError('REVOKED', `installation ${installation.id} was revoked`);
  const parsed = pushBundleContentSchema.safeParse(
    await openBundle(envelope, installation.signingKey, identity.encryption),
  );
  if (!parsed.success) throw new SyncError('BUNDLE_INVALID', parsed.error.message.slice(0, 500));
  const content = parsed.data;
  for (const message of [...content.batches.map((b) => b.body), content.pull.body]) {
    if (message.installationId !== installation.id)
      throw new SyncError('BUNDLE_INVALID', 'bundle carries another installation');
  }
  const [before] = await db
    .select()
    .from(importedBundles)
    .where(eq(importedBundles.bundleId, envelope.bundleId));
  let accepted = before?.accepted ?? 0;
  let duplicates = before?.duplicates ?? 0;
  if (!before) {
    for (const batch of content.batches) {
      const result = await ingestBatch(db, identity, batch, now);
      accepted += result.accepted;
      duplicates += result.duplicates;
    }
    await db
      .insert(importedBundles)
      .values({
        bundleId: envelope.bundleId,
        installationId: installation.id,
        importedAt: now,
        accepted,
        duplicates,
      })
      .onConflictDoNothing();
  }
  const reply: ReplyBundleContent = {
    inReplyTo: envelope.bundleId,
    alreadyImported: before !== undefined,
    accepted,
    duplicates,
    pull: await wholePull(db, identity, content.pull, now),
  };
  const replyText = await sealBundle(
    {
      kind: 'reply',
      bundleId: crypto.randomUUID(),
      hqId: identity.hqId,
      installationId: installation.id,
      branchCode: installation.branchCode,
      createdAt: now,
    },
    reply,
    installation.encryptionKey,
    identity.signing.privateKey,
  );
  return {
    alreadyImported: reply.alreadyImported,
    accepted,
    duplicates,
    installationId: installation.id,
    branchCode: installation.branchCode,
    reply: replyText,
  };
}

/** A bundle's pull is answered whole: there is no second round trip on a USB stick. */
async function wholePull(
  db: HqDb,
  identity: HqIdentity,
  request: PullRequest,
  now: number,
): Promise<PullResponse> {
  const installation = await authenticateInstallation(db, identity, request, 'pull');
  let response = await pullPage(db, identity, installation, request.body, now);
  // Each page carries the files and transfers of its own stretch of events: all are kept, not only the last page's.
  const events = [...response.events];
  const attachments = [...response.attachments];
  const transfers = [...response.transfers];
  while (response.hasMore) {
    response = await pullPage(db, identity, installation, { ...request.body, cursor: response.cursor }, now);
    events.push(...response.events);
    attachments.push(...response.attachments);
    transfers.push(...response.transfers);
  }
  return { ...response, events, attachments, transfers, hasMore: false };
}
