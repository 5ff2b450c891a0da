import type Database from 'better-sqlite3';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { ArchiveDb } from '../../../db/open';
import { withoutListInvalidation } from '../../../db/queries/case-list-cache';
import { indexSearchBacklog, searchBacklog, useSearchSettings } from '../../../db/repos/case-search.repo';
import { classifySqliteError } from '../../../db/errors';
import { whenQuiet } from '../foreground';

/**
 * Bringing the full-text index up to date after a bulk load. Seed and large imports store their
 * cases without indexing them (the trigram index was the largest single cost of a bulk write,
 * ~115 µs of ~210 µs a case); searches find the waiting cases by scanning them meanwhile
 * (db/repos/case-search.repo.ts), so indexing them is a matter of speed, never of correctness.
 *
 * Two ways to do it: `buildSearchIndex` at once, for the command line and benchmarks, and
 * `startSearchIndexing` in small steps in the background, for the app, whose main process must keep
 * answering the grid meanwhile.
 */

/** Cases per transaction when building at once: large steps let FTS5 build big segments in memory. */
const BUILD_STEP_CASES = 20_000;
/** Cases per background step: ~0.1–0.2 s, which is what a request arriving during a step waits. */
const BACKGROUND_STEP_CASES = 1_500;
/** A background step starts once the user's requests have paused this long (main/services/foreground.ts). */
const QUIET_MS = 300;
/** While an import holds the connection's write transaction, the indexer looks again this often. */
const BUSY_RETRY_MS = 250;
/**
 * After a step fails for another reason (a full disk, an I/O error), the indexer tries again this
 * much later rather than stopping: the cases stay findable by the scan meanwhile, only slower.
 */
const ERROR_RETRY_MS = 30_000;

/** What the top bar shows while the index catches up (`cases:search-status`). */
export interface SearchIndexStatus {
  /** Cases stored but not yet in the full-text index; searches scan them meanwhile. */
  pending: number;
  /** Whether the background indexer is working on them (false: it waits for the next start). */
  isIndexing: boolean;
}

export interface SearchIndexProgress {
  done: number;
  total: number;
}

/**
 * Page cache while building at once, in KiB. FTS5 reads the cases in order and writes its own
 * segments; a larger cache gains it little and would add to the memory of an import it follows.
 */
const BUILD_CACHE_KIB = 32_768;

/**
 * Indexes every waiting case now, in transactions of BUILD_STEP_CASES; returns how many.
 * `automerge`: FTS5's merge setting to build with (benches compare others; the app keeps its own).
 */
export function buildSearchIndex(
  db: ArchiveDb,
  onProgress?: (progress: SearchIndexProgress) => void,
  automerge?: number,
): number {
  const client = db.$client;
  const total = searchBacklog(db).pending;
  if (total === 0) return 0;
  useSearchSettings(db, automerge);
  const cacheSize = client.pragma('cache_size', { simple: true }) as number;
  client.pragma(`cache_size = -${BUILD_CACHE_KIB}`);
  let done = 0;
  try {
    for (;;) {
      const indexed = indexStep(db, BUILD_STEP_CASES);
      if (indexed === 0) return done;
      done += indexed;
      onProgress?.({ done, total: Math.max(total, done) });
    }
  } finally {
    client.pragma(`cache_size = ${cacheSize}`);
  }
}

const running = new WeakMap<Database.Database, Promise<void>>();

/**
 * Starts indexing the waiting cases in the background (after sign-in, after an import) and returns
 * at once; does nothing when it already runs on this connection. Each step waits for a quiet
 * moment and for any import's transaction to end; a lock or sign-out closes the connection, which
 * ends the loop at its next step. The promise never rejects: a failed step is tried again later
 * (`errorRetryMs`), and the cases stay findable by the scan meanwhile.
 */
export function startSearchIndexing(db: ArchiveDb, options: { errorRetryMs?: number } = {}): Promise<void> {
  const client = db.$client;
  const current = running.get(client);
  if (current) return current;
  if (client.readonly) return Promise.resolve();
  const done = indexInBackground(db, options.errorRetryMs ?? ERROR_RETRY_MS).finally(() =>
    running.delete(client),
  );
  running.set(client, done);
  return done;
}

/** The sign-in hook (main/app-state.ts): never throws, since sign-in must not fail for an index. */
export function indexSearchAfterSignIn(session: { db: ArchiveDb }): void {
  try {
    void startSearchIndexing(session.db);
  } catch (error) {
    console.warn('[search] background indexing not started:', error instanceof Error ? error.message : error);
  }
}

/** How far the full-text index is behind, and whether the background indexer is on it. */
export function searchIndexStatus(db: ArchiveDb): SearchIndexStatus {
  return { pending: searchBacklog(db).pending, isIndexing: running.has(db.$client) };
}

/**
 * The status the top bar polls (`cases:search-status`). Cases that another process loaded while the
 * app was open (the command line's import) have no indexer of their own: this starts one.
 */
export function followSearchIndex(db: ArchiveDb): SearchIndexStatus {
  const { pending } = searchBacklog(db);
  if (pending > 0) void startSearchIndexing(db);
  return { pending, isIndexing: running.has(db.$client) };
}

async function indexInBackground(db: ArchiveDb, errorRetryMs: number): Promise<void> {
  const client = db.$client;
  for (;;) {
    await nextTurn();
    await whenQuiet(QUIET_MS, () => false);
    if (!client.open) return;
    try {
      // Nothing waiting (the usual sign-in): no write transaction at all.
      if (searchBacklog(db).pending === 0) return;
      if (client.inTransaction) {
        await sleep(BUSY_RETRY_MS);
        continue;
      }
      useSearchSettings(db);
      if (backgroundStep(db) === 0) return;
    } catch (error) {
      // Another process (the command line) is writing: try again soon. Anything else: later.
      const isBusy = classifySqliteError(error, 'search index').code === 'ARCHIVE_BUSY';
      if (!isBusy && client.open)
        console.warn(
          '[search] background indexing step failed, retrying later:',
          error instanceof Error ? error.message : error,
        );
      await sleep(isBusy ? BUSY_RETRY_MS : errorRetryMs);
    }
  }
}

/**
 * One background step. It gives up at once when another process holds the write lock, instead of
 * waiting out the connection's busy timeout (5 s): this runs on the app's main thread.
 */
function backgroundStep(db: ArchiveDb): number {
  const client = db.$client;
  const busyTimeout = client.pragma('busy_timeout', { simple: true }) as number;
  client.pragma('busy_timeout = 0');
  try {
    return indexStep(db, BACKGROUND_STEP_CASES);
  } finally {
    client.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** One transaction of indexing; a write that changes no answer, so the grid keeps its cached lists. */
function indexStep(db: ArchiveDb, maxCases: number): number {
  return withoutListInvalidation(db, () =>
    db.$client.transaction(() => indexSearchBacklog(db, maxCases)).immediate(),
  );
}
