import crypto from 'node:crypto';
import type { ArchiveDb } from '../../../../db/open';
import { getInstallationId } from '../../../../db/repos/history.repo';
import { MAX_EVENTS_PER_PULL, type PullRequest, type PullResponse } from '../../../../shared/sync/protocol';
import { signed } from '../../../../shared/sync/sync-crypto';
import { isSyncError } from '../../../../shared/sync/sync-error';
import { addTotals, NO_APPLY, type ApplyTotals, type SyncEngine } from './engine-port';
import { hqClient, type HqClient } from './hq-client';
import { applyReferenceItems } from '../reference/apply-reference';
import { receiveTransfers } from '../transfer/receive-transfers';
import { acceptReceipt } from './receipts';
import { recordedFailure } from '../sync-words';
import { refuseHeldCaseNumbers } from '../held-case-numbers';
import { readProgress, updateProgress, type EnrollmentState } from './sync-state';

/** Events per push: large enough to amortise a round trip, small enough to resend cheaply after a cut. */
export const PUSH_BATCH = 1000;

export const clientFor = (state: EnrollmentState): HqClient =>
  hqClient({ url: state.url, fingerprint: state.fingerprint });

export function signedPull(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  cursor: string,
  now: number,
  limit = MAX_EVENTS_PER_PULL,
) {
  const progress = readProgress(db);
  return signed(state.signing.privateKey, 'pull', {
    hqId: state.hqId,
    installationId: getInstallationId(db),
    cursor,
    referenceVersion: progress.referenceVersion,
    localSeq: engine.ownHeadSeq(db),
    limit,
    sentAt: now,
  });
}

export async function signedBatches(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  afterSeq: number,
  limit: number,
) {
  const outgoing = engine.collectOutgoing(db, { afterSeq, limit });
  if (outgoing.events.length === 0) return null;
  return signed(state.signing.privateKey, 'push', {
    hqId: state.hqId,
    installationId: getInstallationId(db),
    branchCode: state.branchCode,
    batchId: crypto.randomUUID(),
    sentAt: Date.now(),
    events: outgoing.events,
    attachments: outgoing.attachments,
  });
}

/**
 * Pushes every own event HQ has not acknowledged, oldest first, one batch at a time; each batch's
 * receipt moves `ackedSeq`. Cut off midway, the next run resends from the last receipt and HQ
 * counts what it already had as duplicates. If HQ holds less than we thought (its database was
 * restored), it says which seq it expects and we resend from there.
 */
export async function pushPending(db: ArchiveDb, state: EnrollmentState, engine: SyncEngine) {
  const client = clientFor(state);
  let pushed = 0;
  let duplicates = 0;
  let rewound = false;
  for (;;) {
    const batch = await signedBatches(db, state, engine, readProgress(db).ackedSeq, PUSH_BATCH);
    if (!batch) return { pushed, duplicates };
    try {
      const response = await client.push(batch);
      await acceptReceipt(db, state, response.receipt);
      pushed += response.accepted;
      duplicates += response.duplicates;
    } catch (error) {
      if (!rewound && isSyncError(error) && error.code === 'SEQ_GAP' && error.seq !== undefined) {
        rewound = true;
        updateProgress(db, { ackedSeq: error.seq - 1 });
        continue;
      }
      throw error;
    }
  }
}

/**
 * Applies one pull page (reference data, then events through the engine), then moves the cursor
 * (a crash between: the events are pulled again and change nothing).
 */
export async function applyPullPage(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  page: PullResponse,
  now: number,
): Promise<ApplyTotals> {
  // Reference data first: the classes and users the page's events may name are then known here.
  applyNewReference(db, page.reference, now);
  receiveTransfers(db, page.transfers, now);
  const totals =
    page.events.length > 0
      ? await engine.applyRemoteEvents(db, page.events, now, page.attachments)
      : NO_APPLY;
  updateProgress(db, { cursor: page.cursor });
  await acceptReceipt(db, state, page.receipt);
  return totals;
}

/**
 * Head office's reference items newer than the version held, applied and the version moved in
 * one transaction. A page's events are applied in many steps after them (on the catch-up's thread,
 * a 5,000-event page takes seconds): a crash meanwhile pulls the page again, and its items, which
 * are not idempotent (each writes its service's history events and `reference.applied`), must not
 * be applied a second time (test/crash/catch-up-crash.test.ts).
 */
function applyNewReference(db: ArchiveDb, items: PullResponse['reference'], now: number): void {
  if (items.length === 0) return;
  db.transaction(() => {
    const held = readProgress(db).referenceVersion;
    const fresh = items.filter((item) => item.version > held);
    if (fresh.length === 0) return;
    applyReferenceItems(db, fresh, now);
    updateProgress(db, { referenceVersion: Math.max(...fresh.map((item) => item.version)) });
  });
}

export async function pullAll(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  now: number,
  pageEvents = MAX_EVENTS_PER_PULL,
): Promise<ApplyTotals> {
  const client = clientFor(state);
  const pull = (cursor: string) => signedPull(db, state, engine, cursor, now, pageEvents);
  let totals = NO_APPLY;
  let pending = client.pull(await pull(readProgress(db).cursor));
  for (;;) {
    const page = await pending;
    // The next page is asked for while this one is applied (HQ reads and sends it meanwhile),
    // unless this page brings reference data: the next request must then name its version.
    const prefetch = page.hasMore && page.reference.length === 0;
    if (prefetch) {
      pending = (await pullSent(client, await pull(page.cursor))).response;
      pending.catch(() => undefined); // awaited below; a failure of this page's apply comes first
    }
    totals = addTotals(totals, await applyPullPage(db, state, engine, page, now));
    if (!page.hasMore) return totals;
    if (!prefetch) pending = client.pull(await pull(readProgress(db).cursor));
  }
}

/**
 * A pull request, resolved once it is on its way: an apply holds its thread for a whole step (a
 * restore's step is a page), and a request still in its TLS handshake or unwritten would wait for
 * that step, so HQ would sit idle instead of preparing the next page meanwhile.
 */
function pullSent(client: HqClient, request: PullRequest): Promise<{ response: Promise<PullResponse> }> {
  return requestSent((onSent) => client.pull(request, onSent));
}

/** A request started with `send`, resolved once it is on its way (see `pullSent`). */
export function requestSent<T>(send: (onSent: () => void) => Promise<T>): Promise<{ response: Promise<T> }> {
  return new Promise((resolve) => {
    const response = send(() => resolve({ response }));
    // A request that fails before it is sent: its response (the rejection) is awaited by the caller.
    response.catch(() => resolve({ response }));
  });
}

export interface SyncRunResult extends ApplyTotals {
  pushed: number;
  duplicates: number;
  ackedSeq: number;
}

/** One page of at most `limit` events pulled and applied; whether HQ holds more after it. */
export async function pullOnePage(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  now: number,
  limit: number,
): Promise<{ totals: ApplyTotals; hasMore: boolean }> {
  const request = await signedPull(db, state, engine, readProgress(db).cursor, now, limit);
  const page = await clientFor(state).pull(request);
  return { totals: await applyPullPage(db, state, engine, page, now), hasMore: page.hasMore };
}

/** One sync: push what HQ lacks, then pull what this PC lacks; the outcome (or the error) is recorded. */
export function pushThenPull(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  now: number,
): Promise<SyncRunResult> {
  return recordingOutcome(db, now, async () => {
    const { pushed, duplicates } = await pushPending(db, state, engine);
    const totals = await pullAll(db, state, engine, now);
    return { pushed, duplicates, ...totals, ackedSeq: readProgress(db).ackedSeq };
  });
}

/** Runs a sync and records its outcome: the time of a success, or the error in the status. */
export async function recordingOutcome(
  db: ArchiveDb,
  now: number,
  sync: () => Promise<SyncRunResult>,
): Promise<SyncRunResult> {
  try {
    const result = await sync();
    // Everything else is applied; cases numbered alike on two PCs are held (held-case-numbers.ts).
    refuseHeldCaseNumbers(db);
    updateProgress(db, { lastSyncAt: now, lastError: null });
    return result;
  } catch (error) {
    updateProgress(db, {
      lastError: recordedFailure(error),
    });
    throw error;
  }
}
