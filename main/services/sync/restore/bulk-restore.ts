import {
  dropSecondaryIndexes,
  rebuildIndex,
  rebuildIndexes,
  type DroppedIndex,
} from '../../../../db/bulk-load';
import { refreshPlannerStatistics, relaxSynchronous } from '../../../../db/connection-state';
import type { ArchiveDb } from '../../../../db/open';
import { getInstallationId } from '../../../../db/repos/history.repo';
import { applyInSteps, BACKGROUND_STEP_EVENTS } from '../apply-in-steps';
import { reprojectCases, writeProjectedRows, type ProjectedRow } from '../case-projection';
import type { ApplyTotals, SyncEngine } from '../transport/engine-port';
import { CaseRowWindow, type CaseRowPages } from './hq-case-rows';
import {
  caseIdsAfter,
  checkRestoredCases,
  readCheckMarker,
  writeCheckMarker,
  type CheckOutcome,
} from './restore-check';

/**
 * A lost PC restored from HQ into an EMPTY archive, the way the seed and the import load
 * (db/bulk-load.ts): every secondary index of `cases` and `history_events` dropped first and built
 * once when it is next needed, the full-text index built last. Phases, each in short transactions
 * with the event loop given back between them:
 *
 * 1. events: every pulled page is checked (chains, hashes) and stored, no case projected, no
 *    secondary index kept up to date;
 * 2. the history's indexes built, one sort each;
 * 3. cases: every case written by the one case writer: HQ's projected row of it when HQ sends one
 *    that is the whole of the case's projection (`caseRows`, hq/ingest/restore-cases.ts), else
 *    folded here from all its events (read through `history_case_hlc_idx`, `reprojectCases`);
 * 4. the cases' indexes built one by one; the restore is done (the marker goes);
 * 5. when rows came from HQ, the check (restore-check.ts): every case folded here and compared with
 *    its row, a row that differs rewritten through the writer and counted, in short steps at a low
 *    pace while the clerk works. Its own marker (`sync_restore_check`) resumes it after a crash.
 *
 * The full-text index is not built here: the restored cases wait in its backlog, as after a large
 * import, and searches find them by scanning it meanwhile (db/repos/case-search.repo.ts), so the
 * clerk can work at once. The app's background indexer takes them after the restore
 * (restore-in-app.ts, and the top bar's status poll); the command line builds the index before
 * it ends (main/cli/commands/sync.ts).
 *
 * Crash safety: the marker `sync_restore` in `meta` is written before the first event and removed
 * in the transaction that ends phase 4; while it is there `syncStatus` says `restoring` and the
 * next `restoreFromHq` or `syncNow` resumes (the pull from its cursor, the projection from the last
 * case id it committed). A case is written whole or not at all, from all its events held. The
 * dropped indexes are listed in bulk-load's own marker, so opening the archive after a crash
 * rebuilds them (`healBulkLoad`).
 */

export const RESTORE_META_KEY = 'sync_restore';
/** Work per step before it commits and yields, in ms (the CLI prints progress; the loop stays live). */
export const BULK_RESTORE_STEP_MS = 100;
/**
 * History events from which the history's indexes are built while the restore stores, and kept up
 * to date from then on. Building an index sorts all its entries in memory (db/index-sort-memory.ts;
 * `temp_store = MEMORY`, as temporary files are not encrypted): at 1,000,000 events that is
 * 64–144 MB per index, `history_case_hlc_idx` the largest — the restore's memory peak (166 MB of
 * malloc arenas at 100,000 cases, docs/PERFORMANCE.md, session 9), past the 100 MB a sync may add.
 * Built at 250,000 events the largest sort is ~36 MB; later events cost each index an insert
 * instead (windows of the cases being worked, which stay in the cache). Smaller restores (up to
 * 25,000 cases of ~10 events) build them once at the end, as before.
 */
export const HISTORY_LIVE_FROM_ROWS = 250_000;

interface RestoreMarker {
  phase: 'events' | 'cases';
  /** Phase 3: every case whose id sorts at or before this one is projected. */
  after: string;
  /** Phase 3 wrote rows HQ projected: the check (restore-check.ts) is owed. */
  fromHq?: boolean;
}

export interface RestoreStep {
  phase: 'events' | 'cases' | 'indexes' | 'check';
  ms: number;
  /** CPU time of the restoring thread alone since its previous step, ms (on the thread only: benches). */
  threadCpuMs?: number;
  /**
   * The restoring thread's V8 heap, MB (on the thread only: benches): resident young and old
   * generations, the old one's live part, and external memory (Buffers).
   */
  threadHeapMb?: { young: number; old: number; oldUsed: number; external: number };
}

export interface BulkRestoreOptions {
  stepMs?: number;
  /** Told what each page and each projection step brought (the app's restore progress). */
  onApplied?: (totals: ApplyTotals) => void;
  /** Told after each step how long it held its thread (benches). */
  onStep?: (step: RestoreStep) => void;
  /**
   * Called before each index-building phase (the history's, then the cases'): the restoring
   * thread gives its heap's free pages back there, before SQLite's sorts take their memory.
   */
  beforeIndexes?: () => void;
  /** The connection's page cache while storing events and from the projection on, in KiB. */
  cacheKib?: { events: number; cases: number };
  /** HISTORY_LIVE_FROM_ROWS (tests lower it). */
  historyLiveFromRows?: number;
  /**
   * HQ's projected rows of the branch's cases (hq-case-rows.ts): written instead of folding each
   * case here, then checked (phase 5). Absent: every case is folded here (a restore from a bundle,
   * benches comparing the two).
   */
  caseRows?: CaseRowPages;
  /** Told when the cases are all in and the restore marker is gone, before the check. */
  onRestored?: (totals: ApplyTotals) => void;
  /** The check's pause after each step, as a share of the step's time (default 1: half a core). */
  checkPause?: number;
}

export function readRestoreMarker(db: ArchiveDb): RestoreMarker | null {
  const value = db.$client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(RESTORE_META_KEY);
  return typeof value === 'string' ? (JSON.parse(value) as RestoreMarker) : null;
}

function writeRestoreMarker(db: ArchiveDb, marker: RestoreMarker | null): void {
  const client = db.$client;
  if (!marker) client.prepare('DELETE FROM meta WHERE key = ?').run(RESTORE_META_KEY);
  else
    client
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(RESTORE_META_KEY, JSON.stringify(marker));
}

/** A restore may go in bulk: one is under way, or the archive holds no case and no other PC's event. */
export function canRestoreInBulk(db: ArchiveDb): boolean {
  if (readRestoreMarker(db) || readCheckMarker(db)) return true;
  const client = db.$client;
  if (client.prepare('SELECT 1 FROM cases LIMIT 1').get()) return false;
  const foreign = client
    .prepare('SELECT 1 FROM history_events WHERE installation_id <> ? LIMIT 1')
    .get(getInstallationId(db));
  return foreign === undefined;
}

/**
 * Runs (or resumes) a bulk restore. `pull` pulls every page through the engine it is given (the
 * transport's `pullAll`), which here only stores events.
 */
export async function restoreInBulk(
  db: ArchiveDb,
  engine: SyncEngine,
  pull: (engine: SyncEngine) => Promise<ApplyTotals>,
  now: number,
  options: BulkRestoreOptions = {},
): Promise<RestoreTotals> {
  const client = db.$client;
  const stepMs = options.stepMs ?? BULK_RESTORE_STEP_MS;
  if (!readRestoreMarker(db) && readCheckMarker(db)) {
    // Restored before; only the check of HQ's rows was interrupted.
    const check = await checkRestoredCases(db, now, options);
    return { ...NO_TOTALS, casesChanged: check.differed, check };
  }
  const restoreSynchronous = relaxSynchronous(client);
  const useCache = (phase: 'events' | 'cases') => {
    if (options.cacheKib) client.pragma(`cache_size = -${options.cacheKib[phase]}`);
  };
  const liveFrom = options.historyLiveFromRows ?? HISTORY_LIVE_FROM_ROWS;
  let dropped: DroppedIndex[] = [];
  let restored: RestoreTotals;
  try {
    const marker = client.transaction(() => {
      const held = readRestoreMarker(db) ?? { phase: 'events', after: '' };
      writeRestoreMarker(db, held);
      // Every secondary index of both tables, `history_hlc_idx` too: nothing reads them while
      // events go in (the chain checks use the unique (installation, seq) index; files are checked
      // against the page's own events first, apply-remote.ts), and each one kept live costs the
      // storing more. The history's stay when a resumed restore holds enough events for them to
      // be live already (HISTORY_LIVE_FROM_ROWS); the marker's list still brings back any that
      // a crash left dropped.
      const live = historyRows(db) >= liveFrom;
      dropped = dropSecondaryIndexes(client, live ? { tables: ['cases'] } : { dropKeptLive: true });
      return held;
    })();
    // The history's indexes are built once the history holds `liveFrom` events (a sort of bounded
    // size) and kept up to date from then on (see HISTORY_LIVE_FROM_ROWS).
    let historyDropped = dropped.filter((index) => tableOf(index) === 'history_events');
    const storing: SyncEngine = {
      ...engine,
      applyRemoteEvents: async (target, events, at, files) => {
        const totals = await applyInSteps(target, events, files, () => at, BACKGROUND_STEP_EVENTS, {
          parsed: true,
          storeOnly: true,
          stepMs,
          onStep: (step) => options.onStep?.({ phase: 'events', ms: step.ms }),
        });
        options.onApplied?.(totals);
        if (historyDropped.length > 0 && historyRows(db) >= liveFrom) {
          options.beforeIndexes?.();
          await rebuildInSteps(db, historyDropped, options);
          historyDropped = [];
        }
        return totals;
      },
    };
    useCache('events');
    const pulled = await pull(storing);
    useCache('cases');
    // The history's indexes first, each built once by a sort: the projection reads every case's
    // events through `history_case_hlc_idx`.
    const [history, others] = partition(dropped, (index) => tableOf(index) === 'history_events');
    options.beforeIndexes?.();
    await rebuildInSteps(db, history, options);
    // Events that came now may belong to cases projected before an interruption: project them all.
    const from = marker.phase === 'cases' && pulled.applied === 0 ? marker.after : '';
    const { written: casesChanged, fromHq } = await projectAllCases(db, marker, from, now, stepMs, options);
    options.beforeIndexes?.();
    await rebuildInSteps(db, others, options);
    client.transaction(() => rebuildIndexes(client, dropped))(); // all built: removes the marker
    dropped = [];
    // The last transaction is durable with everything before it (the WAL is synced up to it).
    restoreSynchronous();
    // Restored: the check of HQ's rows, when some were taken, is owed from now on.
    client.transaction(() => {
      if (readRestoreMarker(db)?.fromHq) writeCheckMarker(db, { after: '', differed: 0 });
      writeRestoreMarker(db, null);
    })();
    const conflicts = client.prepare('SELECT count(*) FROM case_conflicts').pluck().get() as number;
    restored = { ...pulled, casesChanged, conflicts, rowsFromHq: fromHq };
  } finally {
    // After a failure the restore marker stays (the next sync resumes) but the indexes come back
    // now: the archive stays fast to read meanwhile.
    if (dropped.length > 0) client.transaction(() => rebuildIndexes(client, dropped))();
    restoreSynchronous();
    refreshPlannerStatistics(client);
  }
  options.onRestored?.(restored);
  const check = readCheckMarker(db) ? await checkRestoredCases(db, now, options) : null;
  return check ? { ...restored, casesChanged: restored.casesChanged + check.differed, check } : restored;
}

const NO_TOTALS: ApplyTotals = { applied: 0, alreadyPresent: 0, casesChanged: 0, conflicts: 0 };

/** A restore's outcome: what it applied, and the check of HQ's rows when it ran (restore-check.ts). */
export interface RestoreTotals extends ApplyTotals {
  /** Case rows written from HQ's projection (this run; the rest were folded here). */
  rowsFromHq?: number;
  check?: CheckOutcome;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Phase 3: every case with events, in id order, written; the marker moves per step. With HQ's rows
 * (`caseRows`) the PC's case ids and HQ's pages are merged by id: a case HQ sends whole is written
 * from its row, any other folded here. A step stops early where HQ's rows run out, to take in the
 * next page (asked for while the step worked).
 */
async function projectAllCases(
  db: ArchiveDb,
  marker: RestoreMarker,
  from: string,
  now: number,
  stepMs: number,
  options: BulkRestoreOptions,
): Promise<{ written: number; fromHq: number }> {
  const nextCases = caseIdsAfter(db);
  const window = options.caseRows ? new CaseRowWindow(options.caseRows, from) : null;
  let after = from;
  let written = 0;
  const fromHq = { rows: 0 };
  let done = false;
  let needRows = window !== null;
  while (!done) {
    if (window && needRows) await window.fill();
    needRows = false;
    const started = performance.now();
    db.transaction(() => {
      do {
        const ids = nextCases.all(after) as string[];
        if (ids.length === 0) {
          done = true;
          break;
        }
        const reached = window ? ids.filter((id) => window.covers(id)) : ids;
        needRows = reached.length < ids.length; // the next page of HQ's rows first
        if (reached.length === 0) break;
        const changed = window
          ? writeFromRows(db, window, reached, now, fromHq)
          : reprojectCases(db, reached, now, FOLD);
        written += changed;
        options.onApplied?.({ applied: 0, alreadyPresent: 0, casesChanged: changed, conflicts: 0 });
        after = reached[reached.length - 1]!;
        if (needRows) break;
      } while (performance.now() - started < stepMs);
      writeRestoreMarker(db, { phase: 'cases', after, fromHq: marker.fromHq || fromHq.rows > 0 });
    });
    options.onStep?.({ phase: 'cases', ms: performance.now() - started });
    await pause();
  }
  return { written, fromHq: fromHq.rows };
}

/** The full-text index is built once the restore is done (the app's indexer, the CLI). */
const FOLD = { indexSearch: false };

/** `ids` (all covered by `window`) written from HQ's rows where whole, the others folded here. */
function writeFromRows(
  db: ArchiveDb,
  window: CaseRowWindow,
  ids: readonly string[],
  now: number,
  fromHq: { rows: number },
): number {
  const rows: ProjectedRow[] = [];
  const fold: string[] = [];
  for (const id of ids) {
    const row = window.take(id);
    if (row && !row.fold && row.changedAt !== null)
      rows.push({ id, columns: row.data, changedAt: row.changedAt });
    else fold.push(id);
  }
  const written = writeProjectedRows(db, rows, now);
  fromHq.rows += written;
  return written + reprojectCases(db, fold, now, FOLD);
}

/** Each of `indexes` built in its own transaction, yielding between them (the marker stays). */
async function rebuildInSteps(
  db: ArchiveDb,
  dropped: readonly DroppedIndex[],
  options: BulkRestoreOptions,
): Promise<void> {
  const client = db.$client;
  for (const index of dropped) {
    const started = performance.now();
    client.transaction(() => rebuildIndex(client, index))();
    options.onStep?.({ phase: 'indexes', ms: performance.now() - started });
    await pause();
  }
}

/** Events in the history: rowids only grow while a restore stores (a look at the table's last page). */
function historyRows(db: ArchiveDb): number {
  return (db.$client.prepare('SELECT max(rowid) FROM history_events').pluck().get() as number | null) ?? 0;
}

/** An index's table: recorded since the restore dropped `history_*` ones too, else read from its SQL. */
function tableOf(index: DroppedIndex): string | undefined {
  return index.table ?? /\bON\s+[`"[]?(\w+)/i.exec(index.sql)?.[1];
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
