import { and, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { ArchiveDb } from '../../../../db/open';
import { tagsCondition } from '../../../../db/queries/case-filter';
import { caseTextCondition, searchOrderSql } from '../../../../db/repos/case-search.repo';
import type { CaseFilter } from '../../../../shared/domain/case-query';
import type { FactTable } from './fact-table';

/**
 * The conditions the fact table holds no column for — free text and tags — resolved once per
 * dashboard to the cases that pass them, as a mask over the table's positions (1 = passes).
 *
 * The same SQL conditions as db/queries/case-filter.ts, so the cache counts what SQL counts: a
 * phrase of 3+ characters reads the full-text index alone (no case row: ~30 ms for 47,000 matches
 * at a million cases); a shorter one or tags read `cases` once. Every block of the dashboard then
 * runs over the cache, instead of each block's SQL repeating that search (about 100 ms against
 * 24 s by SQL for a phrase over a million cases; docs/PERFORMANCE.md).
 */
export type MemberMask = Uint8Array;

const dialect = new SQLiteSyncDialect();

/** The part of a filter that a member mask stands for (null: none); other fields are the cache's own. */
function memberKey(filter: CaseFilter): string | null {
  const text = filter.text?.trim() ?? '';
  if (text === '' && filter.tags === undefined) return null;
  return JSON.stringify([text, filter.tags ?? null]);
}

/** The mask for the filter's text and tags (a filter with neither passes nothing here: see memberKey). */
function memberMask(db: ArchiveDb, t: FactTable, filter: CaseFilter): MemberMask {
  const mask = new Uint8Array(t.size);
  const query = dialect.sqlToQuery(memberRowsSql(filter));
  for (const rowNo of db.$client
    .prepare(query.sql)
    .pluck()
    .iterate(...query.params)) {
    const position = t.positionOf(rowNo as number);
    if (position >= 0) mask[position] = 1;
  }
  return mask;
}

function memberRowsSql(filter: CaseFilter) {
  const ftsOnly = filter.tags === undefined ? searchOrderSql(filter.text) : undefined;
  if (ftsOnly) return ftsOnly;
  return sql`SELECT cases.row_no FROM cases WHERE ${and(tagsCondition(filter.tags), caseTextCondition(filter.text))}`;
}

/**
 * `selectCases` for one dashboard: each distinct text + tags gets its mask once (every block of a
 * dashboard narrows the same request filter, so there is normally one).
 */
export function maskedSelector<S>(
  db: ArchiveDb,
  t: FactTable,
  select: (filter: CaseFilter, mask: MemberMask | null) => S,
): (filter: CaseFilter) => S {
  const masks = new Map<string, MemberMask>();
  return (filter) => {
    const key = memberKey(filter);
    if (key === null) return select(filter, null);
    let mask = masks.get(key);
    if (mask === undefined) {
      mask = memberMask(db, t, filter);
      masks.set(key, mask);
    }
    return select(filter, mask);
  };
}
