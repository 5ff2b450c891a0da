import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveDb } from '../open';

/**
 * Text search over cases. The FTS5 table `case_search` (migration 0001) uses the trigram
 * tokenizer: it finds any run of 3 or more characters, Chinese included, without word
 * segmentation. Shorter queries cannot use it and fall back to LIKE on the main text columns
 * (a scan, but over the rows the other filters left, and 1–2 character queries are rare).
 */

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
