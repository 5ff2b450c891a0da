import type { Worker } from 'node:worker_threads';
import type { ArchiveDb } from '../../../../db/open';
import type { PullResponse } from '../../../../shared/sync/protocol';
import { runThread } from '../../files/thread-runner';
import { addTotals, NO_APPLY, type ApplyTotals, type SyncEngine } from '../transport/engine-port';
import { applyPullPage, pullerOf, type Puller } from '../transport/exchange';
import type { HqEndpoint } from '../transport/pinned-https';
import { readProgress, type EnrollmentState } from '../transport/sync-state';
import type { CheckedEvents } from './checked-events';

/** What the page fetcher (restore-fetch-worker.ts) is given. */
export interface FetchWorkerData {
  endpoint: HqEndpoint;
  puller: Puller;
  cursor: string;
  pageEvents: number;
  now: number;
  /** Pages posted and not yet stored that the fetcher may hold (each ~2.5 MB of rows at 2,000 events). */
  ahead: number;
}

/** A pulled page as the fetcher hands it over: everything but its events, and those checked, as UTF-8 rows. */
export interface FetchedPage {
  type: 'page';
  page: Omit<PullResponse, 'events'>;
  checked: Omit<CheckedEvents, 'rows'> & { rows: Uint8Array };
}

/** A page stored: the fetcher may post another. */
export const PAGE_STORED = 'stored';

/**
 * A bulk restore's pull with the pages fetched, parsed and checked on a thread of their own
 * (restore-fetch-worker.ts: HTTPS, JSON, the protocol's schema, every event's hash and the links
 * inside each page) while this thread stores the one before (`storePage`: the links to what the
 * archive holds, one INSERT a page, the cursor): the two halves of the work overlap on the two
 * cores. Pages are applied in HQ's order, each as `applyPullPage` applies it, so a crash resumes
 * from the cursor of the last page stored, as `pullAll`.
 */
export async function pullThroughFetcher(
  db: ArchiveDb,
  state: EnrollmentState,
  engine: SyncEngine,
  now: number,
  options: {
    file: string;
    pageEvents: number;
    storePage: (checked: CheckedEvents, page: FetchedPage['page']) => Promise<ApplyTotals>;
  },
): Promise<ApplyTotals> {
  const data: FetchWorkerData = {
    endpoint: { url: state.url, fingerprint: state.fingerprint },
    puller: pullerOf(db, state, engine),
    cursor: readProgress(db).cursor,
    pageEvents: options.pageEvents,
    now,
    ahead: 2,
  };
  const queue: FetchedPage[] = [];
  let wake: (() => void) | null = null;
  let fetcher: Worker | null = null;
  let finished = false;
  const fetched = runThread<void, FetchedPage>({
    file: options.file,
    workerData: data,
    name: "the restore's page fetcher",
    // Its garbage is pages that live for one turn (as the restoring thread's own).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    onMessage: (message, worker) => {
      fetcher = worker;
      queue.push(message);
      wake?.();
    },
  }).finally(() => {
    finished = true;
    wake?.();
  });
  let failure: unknown = null;
  fetched.catch((error: unknown) => (failure = error));
  let totals = NO_APPLY;
  try {
    for (;;) {
      while (queue.length === 0 && !finished) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const next = queue.shift();
      if (!next) break;
      const checked = { ...next.checked, rows: new TextDecoder().decode(next.checked.rows) };
      const page = { ...next.page, events: [] };
      totals = addTotals(
        totals,
        await applyPullPage(db, state, engine, page, now, () => options.storePage(checked, next.page)),
      );
      (fetcher as Worker | null)?.postMessage(PAGE_STORED);
    }
  } finally {
    // A page refused here ends the fetcher too (it would wait for room forever).
    if (!finished) await (fetcher as Worker | null)?.terminate();
  }
  if (failure) throw failure;
  await fetched;
  return totals;
}
