import type { ArchiveDb } from '../../../../db/open';
import { addTotals, type SyncEngine } from '../transport/engine-port';
import {
  PUSH_BATCH,
  pullAll,
  pullOnePage,
  pushPending,
  pushThenPull,
  recordingOutcome,
  type SyncRunResult,
} from '../transport/exchange';
import { readProgress, type EnrollmentState } from '../transport/sync-state';
import { syncOnThread, type CatchUpThreadOptions } from './catch-up-thread';

/**
 * Own events waiting above which the whole sync goes to the catch-up's thread at once: more than
 * one push batch, i.e. a PC back after hours or days offline (reading, signing and sending 30,000
 * events is seconds of CPU).
 */
export const THREAD_FROM_OWN_EVENTS = PUSH_BATCH;
/**
 * The first pull page of a sync is at most this many events and is applied on the app's thread
 * (one or two 30 ms steps); when HQ holds more, the rest goes to the catch-up's thread.
 */
export const FIRST_PAGE_EVENTS = 500;

/**
 * One sync, on the app's thread or on the catch-up's thread by its size. The usual background sync
 * (every 5 minutes: a few events each way) stays here: a thread costs ~0.1 s of start-up (its
 * modules, a second connection to the archive: key, schema) and tens of MB while it runs, far more
 * than such a sync. A backlog (more than one push batch of own events, or more than a first small
 * page to pull) goes to the thread, where neither its CPU nor its commits hold the app's loop.
 */
export async function syncBySize(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  now: number,
  options: CatchUpThreadOptions = {},
): Promise<SyncRunResult> {
  if (engine.ownHeadSeq(db) - readProgress(db).ackedSeq > THREAD_FROM_OWN_EVENTS) {
    return (await syncOnThread(db, now, options)) ?? pushThenPull(db, state, engine, now);
  }
  return recordingOutcome(db, now, async () => {
    const { pushed, duplicates } = await pushPending(db, state, engine);
    const first = await pullOnePage(db, state, engine, now, FIRST_PAGE_EVENTS);
    if (!first.hasMore) return { pushed, duplicates, ...first.totals, ackedSeq: readProgress(db).ackedSeq };
    const rest = await syncOnThread(db, now, options);
    if (!rest) {
      const totals = addTotals(first.totals, await pullAll(db, state, engine, now));
      return { pushed, duplicates, ...totals, ackedSeq: readProgress(db).ackedSeq };
    }
    return {
      ...addTotals(first.totals, rest),
      pushed: pushed + rest.pushed,
      duplicates: duplicates + rest.duplicates,
      ackedSeq: rest.ackedSeq,
    };
  });
}
