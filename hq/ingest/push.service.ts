import { and, between, eq, sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { eventForks, events, installations } from '../db/schema';
import type { PushBatch, PushResponse, SyncEvent } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-error';
import type { HqIdentity } from '../identity';
import { checkBatchChain } from './chain-check';
import { storeAttachments } from './attachments';
import { projectBranchNow } from './branch-projection';
import { disposalScopes } from './disposal-scope';
import { TRANSFER_RECEIVED } from '../../shared/sync/case-work-rows';
import { insertEvents } from './event-store';
import { beforeStoring, lastStoredId, type StoredBatch } from './pushed-events';
import { CASE_TRANSFERRED, recordTransfers } from './transfers';
import { settleBranch } from './settle-branch';
import { authenticateInstallation, recordContact, type InstallationRow } from './installations';
import { signReceipt } from './receipts';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

interface Split {
  duplicates: number;
  forks: SyncEvent[];
  fresh: SyncEvent[];
}

/**
 * Ingests one signed batch (docs/SYNC.md "Push"). Idempotent: events HQ already holds with the same
 * hash count as duplicates. A different hash for a held seq is a fork: both versions are kept
 * (the new one in event_forks), the batch is refused, and nothing held is overwritten.
 */
export async function ingestBatch(
  db: HqDb,
  identity: HqIdentity,
  batch: PushBatch,
  now: number,
  options: {
    /** The body's canonical bytes as received (`readSignedJson`): the signature is checked on them. */
    bodyBytes?: Uint8Array | null;
    /** Given the stored events once committed, when they are left to the background projector. */
    handOff?: (stored: StoredBatch) => void;
  } = {},
): Promise<PushResponse> {
  const outcome = await db.transaction(async (tx) => {
    const installation = await authenticateInstallation(tx, identity, batch, 'push', {
      forUpdate: true,
      bodyBytes: options.bodyBytes ?? null,
    });
    if (installation.branchCode !== batch.body.branchCode) {
      throw new SyncError(
        'WRONG_BRANCH',
        `installation of ${installation.branchCode} sent ${batch.body.branchCode}`,
      );
    }
    checkBatchChain(installation.id, batch.body.events);
    const split = await splitAgainstHeld(tx, installation, batch.body.events);
    const first = split.fresh[0];
    if (first && first.seq !== installation.headSeq + 1) {
      throw new SyncError('SEQ_GAP', `HQ holds up to seq ${installation.headSeq}`, installation.headSeq + 1);
    }
    if (first && first.prevHash !== installation.headHash) split.forks.push(...split.fresh.splice(0));
    const lastSeq = batch.body.events[batch.body.events.length - 1]!.seq;
    await recordContact(tx, installation.id, now, lastSeq);
    if (split.forks.length > 0) {
      await storeForks(tx, split.forks, now);
      return { fork: split.forks[0]!.seq, installation, split };
    }
    await storeAttachments(tx, installation.branchCode, batch.body.attachments);
    const { stored, ...head } = await appendFresh(tx, installation, split.fresh, now);
    return { fork: null, installation: { ...installation, ...head }, split, stored };
  });
  if (outcome.fork !== null) {
    throw new SyncError('CHAIN_FORK', `seq ${outcome.fork} differs from the event HQ holds`, outcome.fork);
  }
  const { installation, split } = outcome;
  if (outcome.stored) options.handOff?.(outcome.stored);
  const receipt = await signReceipt(
    identity,
    { installationId: installation.id, seq: installation.headSeq, hash: installation.headHash },
    now,
  );
  return { accepted: split.fresh.length, duplicates: split.duplicates, receipt };
}

async function splitAgainstHeld(
  tx: Tx,
  installation: InstallationRow,
  batch: readonly SyncEvent[],
): Promise<Split> {
  const held = batch.filter((event) => event.seq <= installation.headSeq);
  const fresh = batch.filter((event) => event.seq > installation.headSeq);
  if (held.length === 0) return { duplicates: 0, forks: [], fresh };
  const rows = await tx
    .select({ seq: events.seq, hash: events.hash })
    .from(events)
    .where(
      and(
        eq(events.installationId, installation.id),
        between(events.seq, held[0]!.seq, held[held.length - 1]!.seq),
      ),
    );
  const heldHash = new Map(rows.map((row) => [row.seq, row.hash]));
  const forks = held.filter((event) => heldHash.get(event.seq) !== event.hash);
  return { duplicates: held.length - forks.length, forks, fresh };
}

async function storeForks(tx: Tx, forks: readonly SyncEvent[], now: number): Promise<void> {
  await tx
    .insert(eventForks)
    .values(
      forks.map((event) => ({
        installationId: event.installationId,
        seq: event.seq,
        hash: event.hash,
        event,
        receivedAt: now,
      })),
    )
    .onConflictDoNothing();
}

/** Transfers, sent or received: rare, and read back from the projection (above). */
const mustProjectNow = (fresh: readonly SyncEvent[]) =>
  fresh.some((e) => e.type === CASE_TRANSFERRED || e.type === TRANSFER_RECEIVED);

async function appendFresh(
  tx: Tx,
  installation: InstallationRow,
  fresh: readonly SyncEvent[],
  now: number,
): Promise<{ headSeq: number; headHash: string; stored: StoredBatch | null }> {
  const last = fresh[fresh.length - 1];
  if (!last) return { headSeq: installation.headSeq, headHash: installation.headHash, stored: null };
  // One writer per branch at a time: ingest ids are then handed out in commit order within a
  // branch, so a pull's cursor never passes an event that commits later with a smaller id.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${installation.branchCode}))`);
  const { after, epoch } = await beforeStoring(tx, installation.branchCode);
  await insertEvents(tx, installation, fresh, now);
  let stored: StoredBatch | null = {
    branchCode: installation.branchCode,
    after,
    last: await lastStoredId(tx),
    epoch,
    events: fresh,
  };
  // The projection into `cases` and the work tables runs after the receipt (case-projector.ts),
  // except for what must be redacted before a pull can serve it (a disposal, an event of a case
  // disposed of earlier) or what a pull or a disposal's scope reads from the projection (a
  // transfer's snapshot, who holds a transferred case): then the branch's pending events, this
  // batch's included, are projected here, in the push's transaction, as before projection was
  // deferred.
  if (mustProjectNow(fresh) || (await disposalScopes(tx, installation.branchCode, fresh)).size > 0) {
    await projectBranchNow(tx, installation.branchCode, now);
    stored = null; // projected already
  }
  await recordTransfers(tx, installation.branchCode, fresh);
  await tx
    .update(installations)
    .set({ headSeq: last.seq, headHash: last.hash })
    .where(eq(installations.id, installation.id));
  // The head moved: files a disposal of the branch withholds, and transfers it sent, may be past
  // holding back.
  await settleBranch(tx, installation.branchCode);
  return { headSeq: last.seq, headHash: last.hash, stored };
}
