import type Database from 'better-sqlite3';
import { classifySqliteError } from './errors';
import { cipherOf, refreshPlannerStatistics } from './connection-state';
import { indexSize, rebuildSortBytes } from './index-sort-memory';

/**
 * Bulk-load mode for seed and import. A large load into `cases` and `history_events` spends most of
 * its time keeping their non-unique secondary indexes up to date: every row inserts a random key
 * into each of them, and on a large archive those pages stop fitting in the cache. Dropping them
 * before the load and building them again afterwards (one sort per index) is several times faster.
 *
 * Unique indexes stay: they enforce ids, case numbers, chain sequence numbers and import
 * idempotency while the rows go in.
 *
 * Crash safety: the dropped indexes' own `CREATE INDEX` text (from `sqlite_master`) is written to
 * `meta` in the transaction that drops them and deleted in the transaction that rebuilds them. A
 * load that runs in one transaction (import) commits or rolls back the drop with everything else;
 * a load that commits as it goes (seed) may be cut off in between, and `openArchive` then rebuilds
 * what the marker lists (`healBulkLoad`).
 */

/** The `meta` key holding the dropped indexes (a JSON array of `{ name, sql }`) until they are rebuilt. */
export const BULK_LOAD_META_KEY = 'bulk_load_dropped_indexes';

/** The tables whose non-unique indexes a bulk load drops. */
const BULK_TABLES = ['cases', 'history_events'] as const;

/**
 * Non-unique indexes a bulk load keeps live. `history_hlc_idx`: every batch of events starts from
 * the newest clock stamp (history.repo.ts `latestHlc`, a `max(hlc)`), which without the index is a
 * scan of every event so far, once per batch (8.6 s of a 200,000-row import's ~43 s, growing with
 * the square of the load); and local stamps only grow, so the index is appended to at its right
 * edge, which costs next to nothing.
 */
const KEPT_LIVE = new Set(['history_hlc_idx']);

/** Below this many new rows the rebuild costs more than it saves. */
const BULK_MIN_ROWS = 20_000;

export interface DroppedIndex {
  name: string;
  /** Its table (absent in markers written before this field existed). */
  table?: string;
  /** The index's `CREATE INDEX` statement, as `sqlite_master` keeps it. */
  sql: string;
}

/** `auto` decides from the size of the load and of the archive; tests force one or the other. */
export type BulkLoadMode = 'auto' | 'always' | 'never';

/**
 * Whether a load of about `newRows` cases is large: it then writes through a rollback journal
 * (`useRollbackJournal`), and may drop and rebuild the indexes (`shouldBulkLoad`). One rule for
 * the seed and the import; the import decides from an estimate, before it reads the file.
 */
export function isLargeLoad(mode: BulkLoadMode, newRows: number): boolean {
  return mode === 'always' || (mode !== 'never' && newRows >= BULK_MIN_ROWS);
}

/** The bounds of `auto` (the seed's defaults: any archive size, from half of what is there, 20,000 rows). */
export interface BulkLoadLimits {
  /** `auto` keeps the indexes when the archive would end up larger than this (a memory bound). */
  maxTotalRows?: number;
  /** The load as a share of the cases already there from which the rebuild pays. */
  minShare?: number;
  /** Loads below this many rows keep the indexes (tests lower it). */
  minRows?: number;
}

/**
 * Whether a load of `newRows` cases should drop and rebuild the indexes: it pays when the load is
 * large and at least `minShare` of what is there (the rebuild re-sorts every row, old ones
 * included).
 */
export function shouldBulkLoad(
  mode: BulkLoadMode,
  newRows: number,
  existingRows: number,
  limits: BulkLoadLimits = {},
): boolean {
  const { maxTotalRows = Number.POSITIVE_INFINITY, minShare = 0.5, minRows = BULK_MIN_ROWS } = limits;
  switch (mode) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      return (
        newRows >= minRows && newRows >= existingRows * minShare && existingRows + newRows <= maxTotalRows
      );
    default: {
      const unknownMode: never = mode;
      throw new Error(`unknown bulk load mode ${String(unknownMode)}`);
    }
  }
}

/** Which of the bulk tables' secondary indexes a load drops. */
export interface DropOptions {
  /** Indexes a load reads through while it writes: kept live. */
  keep?: ReadonlySet<string>;
  /**
   * Drop `history_hlc_idx` too (kept live by default, see KEPT_LIVE): for a load that writes no
   * local event while the index is gone (restore/bulk-restore.ts).
   */
  dropKeptLive?: boolean;
  /**
   * Keep live every index whose rebuild would sort more than `bytes` in memory once the load has
   * added `newEntries` to it (db/index-sort-memory.ts). The rebuild sorts each index of the whole
   * archive in memory, one at a time, so its peak is the largest such sort: on a large archive an
   * index kept live costs each new row a (possibly random) insert instead, with bounded memory.
   */
  sortBudget?: SortBudget;
  /** The tables whose indexes go (default both bulk tables). */
  tables?: readonly BulkTable[];
}

export type BulkTable = (typeof BULK_TABLES)[number];

export interface SortBudget {
  bytes: number;
  /** Entries the load adds to each index (an import: one case and one event a row). */
  newEntries: number;
}

/**
 * The non-unique, explicitly created indexes of the bulk tables (never the automatic ones), but
 * those in `keep` (a load that reads through an index while it writes keeps that one live).
 */
export function secondaryIndexes(
  client: Database.Database,
  keepOrOptions: ReadonlySet<string> | DropOptions = new Set(),
): DroppedIndex[] {
  const {
    keep = new Set<string>(),
    dropKeptLive = false,
    sortBudget,
    tables = BULK_TABLES,
  } = keepOrOptions instanceof Set ? { keep: keepOrOptions } : (keepOrOptions as DropOptions);
  const indexes: DroppedIndex[] = [];
  for (const table of tables) {
    const list = client
      .prepare(`SELECT name, "unique" AS isUnique, origin FROM pragma_index_list(?)`)
      .all(table) as {
      name: string;
      isUnique: number;
      origin: string;
    }[];
    for (const index of list) {
      if (index.isUnique || index.origin !== 'c' || keep.has(index.name)) continue;
      if (KEPT_LIVE.has(index.name) && !dropKeptLive) continue;
      if (sortBudget && exceedsSortBudget(client, index.name, sortBudget)) continue;
      const sql = client
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`)
        .pluck()
        .get(index.name);
      if (typeof sql === 'string') indexes.push({ name: index.name, table, sql });
    }
  }
  return indexes;
}

function exceedsSortBudget(client: Database.Database, name: string, budget: SortBudget): boolean {
  return rebuildSortBytes(indexSize(client, name), budget.newEntries) > budget.bytes;
}

/**
 * Drops the bulk tables' non-unique indexes and records them in `meta`. Call inside a transaction
 * (the caller's, or one of its own): the marker and the drop must commit together. Returns what was
 * dropped, for `rebuildIndexes`.
 */
export function dropSecondaryIndexes(
  client: Database.Database,
  keepOrOptions: ReadonlySet<string> | DropOptions = new Set(),
): DroppedIndex[] {
  if (!client.inTransaction) throw new Error('dropSecondaryIndexes must run inside a transaction');
  const dropped = mergeIndexes(readMarker(client), secondaryIndexes(client, keepOrOptions));
  writeMarker(client, dropped);
  for (const index of dropped) client.exec(`DROP INDEX IF EXISTS ${quoteName(index.name)}`);
  return dropped;
}

/**
 * Builds the dropped indexes again from their own SQL and removes the marker. Call inside a
 * transaction. `IF NOT EXISTS`: an index rebuilt before a crash is not built twice.
 */
export function rebuildIndexes(client: Database.Database, dropped: readonly DroppedIndex[]): void {
  if (!client.inTransaction) throw new Error('rebuildIndexes must run inside a transaction');
  for (const index of dropped) rebuildIndex(client, index);
  client.prepare('DELETE FROM meta WHERE key = ?').run(BULK_LOAD_META_KEY);
}

/**
 * Builds one dropped index again (if it is not there yet), leaving the marker: a load that yields
 * between index builds (restore/bulk-restore.ts) calls this per index in its own transaction, then
 * `rebuildIndexes` with the whole list, which only removes the marker.
 */
export function rebuildIndex(client: Database.Database, index: DroppedIndex): void {
  if (!client.inTransaction) throw new Error('rebuildIndex must run inside a transaction');
  // Each build scans the table and sorts its keys, in memory (temp_store = MEMORY, see open.ts:
  // temp files are not encrypted), so a rebuild needs as much memory as its largest sort
  // (db/index-sort-memory.ts). No `PRAGMA threads`: SQLite's sorter uses no helper thread when
  // temporary storage is in memory (vdbesort.c `sqlite3VdbeSorterInit`).
  client.exec(ifNotExists(index.sql));
}

/**
 * Rebuilds the indexes a bulk load dropped and never rebuilt (the process died in between). Runs
 * at open, before migrations, so they see the schema they were written for. Returns the names of
 * the indexes it rebuilt.
 */
export function healBulkLoad(client: Database.Database): string[] {
  const hasMeta = client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  if (!hasMeta) return [];
  const dropped = readMarker(client);
  if (dropped.length === 0) return [];
  const missing = dropped.filter(
    (index) => !client.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(index.name),
  );
  client.transaction(() => rebuildIndexes(client, dropped))();
  return missing.map((index) => index.name);
}

function readMarker(client: Database.Database): DroppedIndex[] {
  const value = client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(BULK_LOAD_META_KEY);
  if (typeof value !== 'string') return [];
  return JSON.parse(value) as DroppedIndex[];
}

function writeMarker(client: Database.Database, dropped: readonly DroppedIndex[]): void {
  client
    .prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(BULK_LOAD_META_KEY, JSON.stringify(dropped));
}

/** A marker left by an earlier, unhealed load keeps its entries: those indexes are gone too. */
function mergeIndexes(earlier: readonly DroppedIndex[], current: readonly DroppedIndex[]): DroppedIndex[] {
  const byName = new Map(earlier.map((index) => [index.name, index]));
  for (const index of current) byName.set(index.name, index);
  return [...byName.values()];
}

function ifNotExists(sql: string): string {
  return sql.replace(/^CREATE\s+INDEX\s+(?!IF\s+NOT\s+EXISTS)/i, 'CREATE INDEX IF NOT EXISTS ');
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Page cache for a bulk load, in KiB (negative: SQLite's unit for a size rather than a page count). */
const BULK_CACHE_KIB = 262_144;
/**
 * WAL pages between automatic checkpoints during a load (the default is 1,000). Each checkpoint
 * copies pages back into the file, decrypting and re-encrypting them; with the default, pages that
 * every batch touches (index roots, FTS segments) are copied again and again.
 */
const BULK_WAL_AUTOCHECKPOINT = 50_000;

/**
 * Sets the connection up for a bulk load and returns what puts it back (and checkpoints the WAL
 * once). Durability is unchanged: `synchronous` stays as `openArchive` set it.
 */
export function applyBulkPragmas(client: Database.Database): () => void {
  const cacheSize = client.pragma('cache_size', { simple: true }) as number;
  const autocheckpoint = client.pragma('wal_autocheckpoint', { simple: true }) as number;
  client.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  client.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT}`);
  return () => {
    client.pragma(`cache_size = ${cacheSize}`);
    client.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    if (!client.inTransaction) client.pragma('wal_checkpoint(PASSIVE)');
  };
}

/**
 * Switches a bulk load to a rollback journal until the returned function puts WAL back. Call
 * outside a transaction.
 *
 * In WAL mode a load writes every page twice: into the WAL, then into the file at the checkpoint,
 * decrypted and encrypted again on the way. A rollback journal keeps only the original content of
 * pages that existed before the transaction; the pages a load appends have nothing to roll back to
 * and are written once (docs/PERFORMANCE.md: the 1M-case seed's write path 10,940 → 12,777 cases/s).
 * Atomicity is unchanged: a crash leaves a hot journal, encrypted like the file, and the next open
 * rolls the unfinished transaction back. https://www.sqlite.org/lockingv3.html#rollback
 *
 * It is skipped, and the load stays in WAL, when another connection has the file open (leaving WAL
 * needs the only connection) and for ChaCha20 archives: `openArchive` tries AEGIS first, and a hot
 * journal must never be replayed with the wrong cipher.
 */
export function useRollbackJournal(client: Database.Database): () => void {
  const stayInWal = () => {};
  if (client.inTransaction || cipherOf(client) === 'chacha20') return stayInWal;
  let mode: unknown;
  try {
    mode = client.pragma('journal_mode = TRUNCATE', { simple: true });
  } catch (error) {
    if (classifySqliteError(error, 'bulk load').code === 'ARCHIVE_BUSY') return stayInWal;
    throw error;
  }
  if (mode !== 'truncate') return stayInWal;
  return () => {
    try {
      client.pragma('journal_mode = WAL');
    } catch (error) {
      // Never fail a load that has committed: a rollback journal is as safe, only less concurrent,
      // and `openArchive` sets WAL again.
      console.warn(
        '[bulk load] still in rollback-journal mode until the archive is opened again:',
        error instanceof Error ? error.message : error,
      );
    }
  };
}

export interface BatchedLoad<T> {
  result: T;
  /** Whether the secondary indexes were dropped and rebuilt (`shouldBulkLoad`). */
  isBulkLoad: boolean;
  /** Time spent rebuilding them, in ms. */
  rebuildMs: number;
  /** The process's CPU time in the rebuild (its sorts run on a helper thread too), in ms. */
  rebuildCpuMs: number;
}

/**
 * The steps around a load that commits batch by batch (the seed): bulk pragmas; a rollback journal
 * when the load is large (`isLargeLoad`); the secondary indexes dropped first when `shouldBulkLoad`
 * says so, and rebuilt at the end in one transaction, also after a failure (the batches written so
 * far stay, and so must the indexes); the planner's statistics refreshed. `write` runs the batches,
 * each in its own transaction. One place for these steps, so that the benches' floor
 * (scripts/bench/write-floor.ts) takes exactly the path the seed takes.
 */
export function loadInBatches<T>(
  client: Database.Database,
  options: { mode: BulkLoadMode; newRows: number },
  write: () => T,
): BatchedLoad<T> {
  const existing = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const isBulkLoad = shouldBulkLoad(options.mode, options.newRows, existing);
  const restorePragmas = applyBulkPragmas(client);
  const restoreJournal = isLargeLoad(options.mode, options.newRows) ? useRollbackJournal(client) : () => {};
  try {
    const dropped = isBulkLoad ? client.transaction(() => dropSecondaryIndexes(client))() : [];
    let result: T;
    let rebuildMs = 0;
    let rebuildCpuMs = 0;
    try {
      result = write();
    } finally {
      if (dropped.length > 0) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        client.transaction(() => rebuildIndexes(client, dropped))();
        rebuildMs = performance.now() - start;
        rebuildCpuMs = cpuMs(process.cpuUsage(cpu));
      }
    }
    return { result, isBulkLoad, rebuildMs, rebuildCpuMs };
  } finally {
    // Restore the pragmas before leaving the rollback journal: a checkpoint right after the switch
    // back met SQLITE_LOCKED when a batch had failed.
    restorePragmas();
    restoreJournal();
    refreshPlannerStatistics(client);
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
