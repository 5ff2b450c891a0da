import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveDb, Queryable } from '../open';

/**
 * Text search over cases. The FTS5 table `case_search` (migration 0001) uses the trigram
 * tokenizer: it finds any run of 3 or more characters, Chinese included, without word
 * segmentation. Shorter queries cannot use it and fall back to LIKE on the main text columns
 * (a scan, but over the rows the other filters left, and 1–2 character queries are rare).
 */

/**
 * Adds the cases with `row_no > afterRowNo` to the full-text index. Every writer of `cases` calls it
 * in the transaction of its inserts: once per case for a registration, once per batch for bulk
 * loads (seed, import), which is what keeps FTS5 fast (see migration 0006). Returns the highest
 * row_no indexed, for the next call.
 */
export function indexNewCases(db: Queryable, afterRowNo: number): number {
  const last = db.get<{ last: number | null }>(sql`SELECT max(row_no) AS last FROM cases`)?.last ?? 0;
  if (last <= afterRowNo) return afterRowNo;
  db.run(sql`INSERT INTO case_search (rowid, case_no, names, contacts, narrative)
    SELECT row_no, case_no,
      concat_ws(' ', complainant_name, agent_name, respondent_staff_name, org_legal_representative),
      concat_ws(' ', complainant_phone, complainant_id_number, account_number, org_credit_code),
      concat_ws(' ', request_text, facts_text, grounds_text, product_name)
    FROM cases WHERE row_no > ${afterRowNo} ORDER BY row_no`);
  return last;
}

/** The highest row_no in `cases` (0 when empty): where the next bulk load's indexing starts. */
export function lastCaseRowNo(db: Queryable): number {
  return db.get<{ last: number | null }>(sql`SELECT max(row_no) AS last FROM cases`)?.last ?? 0;
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
 * number, names, contact numbers and the narrative (request, facts, grounds, product).
 */
export function caseTextCondition(text: string | undefined): SQL | undefined {
  const query = text?.trim() ?? '';
  if (query.length === 0) return undefined;
  if ([...query].length >= FTS_MIN_CHARS) {
    return sql`cases.row_no IN (SELECT rowid FROM case_search WHERE case_search MATCH ${ftsPhrase(query)})`;
  }
  const pattern = likePattern(query);
  return sql`(cases.case_no LIKE ${pattern} ESCAPE '\\'
    OR cases.complainant_name LIKE ${pattern} ESCAPE '\\'
    OR cases.agent_name LIKE ${pattern} ESCAPE '\\'
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
  return sql`SELECT rowid FROM case_search WHERE case_search MATCH ${ftsPhrase(query)} ORDER BY rowid DESC`;
}
