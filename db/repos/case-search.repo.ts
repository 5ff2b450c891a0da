import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveDb, Queryable } from '../open';
import { CASE_RENUMBERED_EVENT } from '../../shared/sync/case-fold';

/**
 * Text search over cases. The FTS5 table `case_search` (migration 0001) uses the trigram
 * tokenizer: it finds any run of 3 or more characters, Chinese included, without word
 * segmentation. Shorter queries cannot use it and fall back to LIKE on the main text columns
 * (a scan, but over the rows the other filters left, and 1–2 character queries are rare).
 */

/** The text of the index's four columns, as SQL over a `cases` row: what indexing writes and the backlog scan reads. */
const INDEXED_TEXT = {
  caseNo: 'case_no',
  // The respondent units since migration 0017 (an imported file's company is searchable by name).
  names: `concat_ws(' ', complainant_name, agent_name, respondent_staff_name, org_legal_representative, respondent_unit, respondent_staff_unit)`,
  contacts: `concat_ws(' ', complainant_phone, complainant_id_number, account_number, org_credit_code)`,
  narrative: `concat_ws(' ', request_text, facts_text, grounds_text, product_name)`,
} as const;

/** The watermark (migration 0009): cases with row_no up to it are in the index, none above it. */
const INDEXED_UP_TO = sql`(SELECT indexed_up_to FROM case_search_state WHERE id = 1)`;

export interface SearchBacklog {
  indexedUpTo: number;
  lastRowNo: number;
  /** Cases not in the index yet (row numbers have no gaps: cases are never deleted). */
  pending: number;
}

export function searchBacklog(db: Queryable): SearchBacklog {
  const row = db.get<{ indexedUpTo: number; lastRowNo: number | null }>(
    sql`SELECT ${INDEXED_UP_TO} AS indexedUpTo, (SELECT max(row_no) FROM cases) AS lastRowNo`,
  );
  const indexedUpTo = row?.indexedUpTo ?? 0;
  const lastRowNo = row?.lastRowNo ?? 0;
  return { indexedUpTo, lastRowNo, pending: Math.max(0, lastRowNo - indexedUpTo) };
}

/**
 * Adds up to `maxCases` of the cases above the watermark to the full-text index, oldest first, in
 * one INSERT … SELECT (row by row, FTS5 flushes its pending terms on every statement: ~2,800 a
 * second against ~7,400, see migration 0006), and moves the watermark past them. Call inside a
 * transaction, so the entries and the watermark commit together. Returns how many it indexed.
 */
export function indexSearchBacklog(db: Queryable, maxCases = Number.POSITIVE_INFINITY): number {
  const { indexedUpTo, lastRowNo } = searchBacklog(db);
  if (lastRowNo <= indexedUpTo) return 0;
  const upTo = Number.isFinite(maxCases)
    ? (db.get<{ rowNo: number }>(
        sql`SELECT row_no AS rowNo FROM cases WHERE row_no > ${indexedUpTo} ORDER BY row_no LIMIT 1 OFFSET ${Math.max(0, Math.floor(maxCases) - 1)}`,
      )?.rowNo ?? lastRowNo)
    : lastRowNo;
  const result = db.run(sql`INSERT INTO case_search (rowid, case_no, names, contacts, narrative)
    SELECT row_no, ${sql.raw(INDEXED_TEXT.caseNo)}, ${sql.raw(INDEXED_TEXT.names)}, ${sql.raw(INDEXED_TEXT.contacts)}, ${sql.raw(INDEXED_TEXT.narrative)}
    FROM cases WHERE row_no > ${indexedUpTo} AND row_no <= ${upTo} ORDER BY row_no`);
  db.run(sql`UPDATE case_search_state SET indexed_up_to = ${upTo} WHERE id = 1`);
  return result.changes;
}

/**
 * FTS5's in-memory buffer of pending terms, in bytes (its `hashsize` option; SQLite's default is
 * 1 MiB). The trigram index of 20,000 cases is ~30 MB of terms: with 1 MiB, FTS5 writes it as some
 * thirty small segments per transaction and its automerge keeps merging them into ever larger ones,
 * which made building the index grow faster than the archive (4.9 s for 200,000 cases, 64.7 s for
 * 1M). With 32 MiB a step is one segment: 300,000 cases in 19.7 s instead of 93.4 s, the same
 * archive (scripts/bench/search-index.bench.ts, docs/PERFORMANCE.md "Full-text catch-up").
 */
export const SEARCH_HASH_BYTES = 32 * 1024 * 1024;

/**
 * FTS5 merges a level's segments into one once it holds this many (its `automerge`; SQLite's
 * default is 4). Each case's entries are rewritten once per merge level, ~log(cases / 20,000) in
 * this base: with 4 the catch-up's cost per case grew n^1.27 with the archive; with 16 the same
 * 1M-case build used 24 % less CPU, left fewer segments at 1M (5 against 9) and no search was
 * slower (docs/PERFORMANCE.md, "Full-text catch-up as the archive grows").
 */
export const SEARCH_AUTOMERGE = 16;

/**
 * Sets `hashsize` and `automerge` (settings FTS5 keeps in the archive, `case_search_config`) where
 * they differ; small writes, so call it outside a read-only moment, before indexing.
 */
export function useSearchSettings(db: ArchiveDb, automerge = SEARCH_AUTOMERGE): void {
  if (!Number.isInteger(automerge) || automerge < 0 || automerge > 64) throw new RangeError('automerge 0–64');
  const client = db.$client;
  const current = client.prepare(`SELECT v FROM case_search_config WHERE k = ?`).pluck();
  for (const [name, value] of [
    ['hashsize', SEARCH_HASH_BYTES],
    ['automerge', automerge],
  ] as const) {
    if (current.get(name) === value) continue;
    // A literal: FTS5 refuses a bound value for its settings ("SQL logic error").
    client.exec(`INSERT INTO case_search (case_search, rank) VALUES ('${name}', ${value})`);
  }
}

/**
 * Registration's part: when at most `maxBacklog` cases wait for the index (the usual case: only the
 * one just inserted), indexes them now, in the caller's transaction. A larger backlog (a bulk load
 * just landed) is left to the background indexer; searches find those cases meanwhile by scanning.
 */
export function catchUpSearchIndex(db: Queryable, maxBacklog: number): boolean {
  const { pending } = searchBacklog(db);
  if (pending > maxBacklog) return false;
  if (pending > 0) indexSearchBacklog(db);
  return true;
}

/** Queries of at least this many characters (code points, not UTF-16 units) use the FTS index. */
export const FTS_MIN_CHARS = 3;

/**
 * Quotes user input as one FTS5 string, so `AND`, `NEAR`, `*`, `"`, `:` or `-` typed by a user are
 * searched for literally and can never change the query (or make it a syntax error).
 * https://www.sqlite.org/fts5.html#fts5_strings
 */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Escapes LIKE wildcards so `%` and `_` typed by a user match themselves (used with ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The condition on `cases` for a free-text query, or undefined for an empty one. Matches the case
 * number, names (the respondent's too), contact numbers and the narrative (request, facts,
 * grounds, product).
 */
export function caseTextCondition(text: string | undefined): SQL | undefined {
  const query = text?.trim() ?? '';
  if (query.length === 0) return undefined;
  if ([...query].length >= FTS_MIN_CHARS) return sql`cases.row_no IN (${matchingRowNosSql(query)})`;
  const pattern = likePattern(query);
  return sql`(cases.case_no LIKE ${pattern} ESCAPE '\\'
    OR cases.complainant_name LIKE ${pattern} ESCAPE '\\'
    OR cases.agent_name LIKE ${pattern} ESCAPE '\\'
    OR cases.respondent_unit LIKE ${pattern} ESCAPE '\\'
    OR cases.request_text LIKE ${pattern} ESCAPE '\\'
    OR cases.facts_text LIKE ${pattern} ESCAPE '\\'
    OR cases.product_name LIKE ${pattern} ESCAPE '\\')`;
}

/**
 * Merges the FTS index's segments. Worth running after a large import; safe at any time.
 * https://www.sqlite.org/fts5.html#the_optimize_command
 */
export function optimizeSearchIndex(db: ArchiveDb): void {
  db.$client.prepare(`INSERT INTO case_search (case_search) VALUES ('optimize')`).run();
}

/**
 * The row numbers matching `text` in the full-text index alone, newest registered first — the
 * order of a quick search for which the user picked no sort. Undefined when the query is too short
 * for the trigram index. FTS5 returns rowids in order from its own b-tree, so this reads no `cases`
 * row at all: about 30 ms for 47,000 matches in a 1M archive, where sorting them by a column of
 * `cases` means one random (decrypted) row read per match.
 */
export function searchOrderSql(text: string | undefined): SQL | undefined {
  const query = text?.trim() ?? '';
  if ([...query].length < FTS_MIN_CHARS) return undefined;
  return sql`${matchingRowNosSql(query)} ORDER BY 1 DESC`;
}

/**
 * The row numbers matching a query of 3+ characters: from the index for the cases below the
 * watermark, and by scanning the cases above it (a bulk load's backlog, until the background
 * indexer gets to it) for the same text the index holds. LIKE matches a substring, as a trigram
 * phrase does; both ignore ASCII case.
 */
function matchingRowNosSql(query: string): SQL {
  const pattern = likePattern(query);
  const like = (column: string) => sql`${sql.raw(column)} LIKE ${pattern} ESCAPE '\\'`;
  return sql`SELECT rowid FROM case_search WHERE case_search MATCH ${ftsPhrase(query)}
    UNION ALL
    SELECT row_no FROM cases AS pending WHERE row_no > ${INDEXED_UP_TO}
      AND (${like(INDEXED_TEXT.caseNo)} OR ${like(INDEXED_TEXT.names)} OR ${like(INDEXED_TEXT.contacts)} OR ${like(INDEXED_TEXT.narrative)})
    UNION
    ${sameIdentifierRowNosSql(query)}
    UNION
    ${renumberedRowNosSql(pattern)}`;
}

/**
 * Cases whose old number matches: a case renumbered after a terminal clash (docs/SYNC.md "Two PCs
 * with one terminal code") is still found by the number on its letters. Its `case.renumbered`
 * events hold both numbers; few, read through the history's (type, at) index.
 */
function renumberedRowNosSql(pattern: string): SQL {
  return sql`SELECT cases.row_no FROM history_events AS renumbered JOIN cases ON cases.id = renumbered.case_id
    WHERE renumbered.type = ${CASE_RENUMBERED_EVENT} AND renumbered.payload LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * Identifiers are sealed (db/pii): the index holds only their last four characters, so a whole
 * phone, ID or account number is found through the blind index, computed in SQL by
 * `redress_blind` (db/pii/pii-state.ts) once per query. Three index lookups.
 */
function sameIdentifierRowNosSql(query: string): SQL {
  return sql`SELECT row_no FROM cases WHERE complainant_phone_bidx = redress_blind('phone', ${query})
    UNION SELECT row_no FROM cases WHERE complainant_id_number_bidx = redress_blind('id', ${query})
    UNION SELECT row_no FROM cases WHERE account_number_bidx = redress_blind('account', ${query})`;
}
