import { getTableColumns, inArray, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { ArchiveDb } from '../open';
import { cases, type CaseRow } from '../schema';

/**
 * The grid's paging at a million cases. `LIMIT … OFFSET` makes SQLite walk and discard every row
 * before the page, and the row count walks the whole match set again, on every block: 0.4–0.8 s per
 * block in the middle of a 1M archive. Instead, the first block of a filter + sort reads the
 * matching row numbers once, in order (one covering index walk where an index fits), and keeps them
 * as an Int32Array (4 bytes a case: 3.7 MB for 927,000 matches). Every later block is a slice of it
 * plus a primary-key lookup of its 100 rows, and the count is the array's length.
 *
 * A cached list is valid only for the data it was read from: the token combines
 * `PRAGMA data_version` (changes when another connection commits) with `total_changes()` (counts
 * this connection's own writes), so any change by anyone drops every list.
 * https://www.sqlite.org/pragma.html#pragma_data_version
 */

/** Lists kept per connection; a few filters (the view, a drill-down, a search) are in use at once. */
const MAX_LISTS = 4;

interface CachedList {
  token: string;
  rowNos: Int32Array;
}

const dialect = new SQLiteSyncDialect();
const listsByConnection = new WeakMap<object, Map<string, CachedList>>();

/** Per connection, how many of its own changes touched no case (see `withoutListInvalidation`). */
const neutralChanges = new WeakMap<object, number>();

function totalChanges(client: ArchiveDb['$client']): number {
  return client.prepare('SELECT total_changes()').pluck().get() as number;
}

/** Changes whenever the archive's content may have changed, through this connection or another. */
function changeToken(db: ArchiveDb): string {
  const client = db.$client;
  const dataVersion = client.pragma('data_version', { simple: true }) as number;
  const ownChanges = totalChanges(client) - (neutralChanges.get(client) ?? 0);
  return `${dataVersion}:${ownChanges}`;
}

/**
 * Runs writes on this connection that change no case and no answer (the search index catching up
 * with a bulk load: a search finds the same cases before and after) without dropping the cached
 * lists: otherwise each of the background indexer's steps would make the grid read its list again
 * (0.8 s on a million cases).
 */
export function withoutListInvalidation<T>(db: ArchiveDb, write: () => T): T {
  const client = db.$client;
  const before = totalChanges(client);
  try {
    return write();
  } finally {
    neutralChanges.set(client, (neutralChanges.get(client) ?? 0) + totalChanges(client) - before);
  }
}

/**
 * The row numbers that `select` (a query returning one `row_no` column, in order) returns, from the
 * cache when `key` was read at the current change token. `key` must identify the query completely
 * (filter, scope, sort, and any date the filter depends on).
 */
export function orderedRowNos(db: ArchiveDb, key: string, select: () => SQL): Int32Array {
  let lists = listsByConnection.get(db.$client);
  if (!lists) {
    lists = new Map();
    listsByConnection.set(db.$client, lists);
  }
  const token = changeToken(db);
  const cached = lists.get(key);
  if (cached && cached.token === token) {
    // Map order is insertion order: re-inserting marks the list as the most recently used.
    lists.delete(key);
    lists.set(key, cached);
    return cached.rowNos;
  }
  const query = dialect.sqlToQuery(select());
  const rows = db.$client
    .prepare(query.sql)
    .pluck()
    .all(...query.params) as number[];
  const rowNos = Int32Array.from(rows);
  lists.delete(key);
  lists.set(key, { token, rowNos });
  while (lists.size > MAX_LISTS) {
    const oldest = lists.keys().next().value;
    if (oldest === undefined) break;
    lists.delete(oldest);
  }
  return rowNos;
}

/**
 * The `cases` rows with these row numbers, in the order given, reading only the columns named (and
 * the row number): a grid block maps ~20 columns instead of all ~70, which was most of its time
 * once the list is cached (6.5 → ~2 ms per block).
 */
export function pickCasesByRowNos<K extends keyof CaseRow>(
  db: ArchiveDb,
  rowNos: ArrayLike<number>,
  keys: readonly K[],
): Pick<CaseRow, K>[] {
  const wanted = Array.from(rowNos);
  if (wanted.length === 0) return [];
  const all = getTableColumns(cases);
  const columns = Object.fromEntries(
    [...new Set<keyof CaseRow>(['rowNo', ...keys])].map((key) => [key, all[key]]),
  );
  const rows = db.select(columns).from(cases).where(inArray(cases.rowNo, wanted)).all() as unknown as (Pick<
    CaseRow,
    K
  > & { rowNo: number })[];
  const byRowNo = new Map(rows.map((row) => [row.rowNo, row]));
  return wanted.flatMap((rowNo) => {
    const row = byRowNo.get(rowNo);
    return row ? [row] : [];
  });
}
