import type Database from 'better-sqlite3';

/**
 * What building an index costs in memory. `CREATE INDEX` sorts every entry of the index, and with
 * `temp_store = MEMORY` (db/open.ts: sqlite3mc does not encrypt temporary files, so a sort must
 * never spill) SQLite's sorter keeps the whole sort in memory, one allocation per entry: the entry
 * (the index record: its columns and the rowid), SQLite's 16-byte list header, the 8-byte size
 * SQLite's allocator puts in front, glibc's 8-byte chunk header, all rounded up to 16 bytes
 * (vdbesort.c `sqlite3VdbeSorterWrite`; `mxPmaSize` is 0 when temporary storage is in memory, so
 * the sorter never flushes, and `PRAGMA threads` is ignored). Checked against the process's peak
 * at 3M cases: the 87-byte entries of `cases_analytics_idx` need 128 bytes each, ~384 MB
 * (docs/PERFORMANCE.md, "Import at scale: a sort budget").
 */
const PER_ENTRY_OVERHEAD_BYTES = 16 + 8 + 8;

/** The bytes one in-memory sort allocation takes for an entry of `payload` bytes. */
export function sortEntryBytes(payload: number): number {
  return Math.ceil((payload + PER_ENTRY_OVERHEAD_BYTES) / 16) * 16;
}

/** An index's entries and their average size, read from its pages (dbstat). */
export interface IndexSize {
  entries: number;
  averagePayload: number;
}

/**
 * Reads an index's pages: their cells and payload bytes (an index b-tree keeps entries in its
 * interior pages too). This decrypts every page of the index once (at 2M cases, 2–3 s of CPU for
 * all the secondary indexes of `cases` and `history_events`), which is why callers ask only when
 * an archive is large.
 */
export function indexSize(client: Database.Database, name: string): IndexSize {
  const row = client
    .prepare(
      `SELECT coalesce(sum(ncell), 0) AS entries, coalesce(sum(payload), 0) AS payload
       FROM dbstat WHERE name = ? AND pagetype IN ('internal', 'leaf')`,
    )
    .get(name) as { entries: number; payload: number };
  return { entries: row.entries, averagePayload: row.entries === 0 ? 0 : row.payload / row.entries };
}

/**
 * The memory of rebuilding an index of this size after `newEntries` more entries (of the same
 * average size) are added.
 */
export function rebuildSortBytes(size: IndexSize, newEntries: number): number {
  return (size.entries + newEntries) * sortEntryBytes(size.averagePayload);
}
