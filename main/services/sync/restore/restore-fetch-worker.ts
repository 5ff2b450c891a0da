import { parentPort, workerData } from 'node:worker_threads';
import { serveThread } from '../../files/thread-runner';
import { createHeapBudget } from '../../import/heap-budget';
import { hqClient } from '../transport/hq-client';
import { pullSent, referenceVersionAfter, signedPullFrom } from '../transport/exchange';
import { checkEvents } from './checked-events';
import { PAGE_STORED, type FetchedPage, type FetchWorkerData } from './fetch-pages';

/**
 * A bulk restore's page fetcher (fetch-pages.ts): pulls every page from HQ, the next one asked for
 * before this one is checked, checks each page's events (checked-events.ts) and posts them, as
 * UTF-8 rows whose buffer moves to the storing thread without a copy, at most `ahead` pages ahead
 * of what the storing thread has stored.
 */
const data = workerData as FetchWorkerData;
let unstored = 0;
let room: (() => void) | null = null;
parentPort!.on('message', (message) => {
  if (message !== PAGE_STORED) return;
  unstored--;
  room?.();
  room = null;
});

/**
 * Heap budget and headroom (import/heap-budget.ts): the live data is a page being checked and one
 * in flight (a few MB each); the rest is garbage V8 would let grow to hundreds of MB.
 */
const HEAP_BUDGET_BYTES = 24 * 1024 * 1024;
const HEAP_HEADROOM_BYTES = 16 * 1024 * 1024;

async function fetchAll(): Promise<void> {
  const heapBudget = createHeapBudget(HEAP_BUDGET_BYTES, HEAP_HEADROOM_BYTES);
  const client = hqClient(data.endpoint);
  const puller = { ...data.puller };
  const request = (cursor: string) => signedPullFrom(puller, cursor, data.now, data.pageEvents);
  let pending = client.pull(await request(data.cursor));
  for (;;) {
    const page = await pending;
    // The next request names the reference version this page brings (the storing thread records it).
    puller.referenceVersion = referenceVersionAfter(puller.referenceVersion, page);
    if (page.hasMore) {
      pending = (await pullSent(client, await request(page.cursor))).response;
      pending.catch(() => undefined); // awaited at the next turn
    }
    const { events, ...rest } = page;
    const checked = checkEvents(events);
    const rows = new TextEncoder().encode(checked.rows);
    while (unstored >= data.ahead) await new Promise<void>((resolve) => (room = resolve));
    unstored++;
    const message: FetchedPage = { type: 'page', page: rest, checked: { ...checked, rows } };
    parentPort!.postMessage(message, [rows.buffer]);
    heapBudget.check();
    if (!page.hasMore) return;
  }
}

await serveThread(fetchAll);
