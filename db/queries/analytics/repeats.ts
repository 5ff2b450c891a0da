import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, compareText, type AnalyticsScope } from './common';

export interface RepeatGroupRow {
  matchedBy: 'id' | 'phone';
  /**
   * The blind-index entry the group shares (identifiers are sealed, db/pii): the service replaces it
   * with the identifier as the actor may see it.
   */
  identity: string;
  complainantName: string;
  caseCount: number;
  firstDate: string;
  lastDate: string;
  caseIds: string[];
}

export interface RepeatQueryResult {
  repeatCaseCount: number;
  complainantCount: number;
  groups: RepeatGroupRow[];
}

/**
 * Repeat complaints (重复投诉): a case is a repeat when the same complainant — same ID number, or
 * same phone — has an earlier case among the filtered ones received at most `windowDays` before.
 * "Same matter" is not judged here (that needs a person); the list lets the analyst judge it.
 * Groups are by ID number when the case has one, else by phone; at most `limit` groups, largest first.
 */
export function queryRepeats(
  db: ArchiveDb,
  context: AnalyticsScope,
  filter: CaseFilter,
  windowDays: number,
  limit = 50,
): RepeatQueryResult {
  // Only complainants seen at least twice can repeat: the window functions then sort a handful of
  // rows instead of the whole range (`f` is materialised once and read three times).
  const rows = db.all<{
    matched_by: 'id' | 'phone';
    identity: string;
    name: string;
    n: number;
    first: string;
    last: string;
    ids: string;
    repeat_cases: number;
    people: number;
  }>(sql`
    WITH f AS MATERIALIZED (
      SELECT cases.id AS id, cases.received_at AS at, cases.received_date AS d, cases.complainant_name AS name,
        cases.complainant_id_number_bidx AS idn, cases.complainant_phone_bidx AS ph
      FROM cases WHERE ${analyticsWhere(filter, context)}
        AND (cases.complainant_id_number_bidx IS NOT NULL OR cases.complainant_phone_bidx IS NOT NULL)
    ),
    c AS (
      SELECT * FROM f
      WHERE idn IN (SELECT idn FROM f WHERE idn IS NOT NULL GROUP BY idn HAVING count(*) > 1)
         OR ph IN (SELECT ph FROM f WHERE ph IS NOT NULL GROUP BY ph HAVING count(*) > 1)
    ),
    l AS (
      SELECT c.*,
        CASE WHEN idn IS NULL THEN NULL ELSE lag(d) OVER (PARTITION BY idn ORDER BY at, id) END AS prev_by_id,
        CASE WHEN ph IS NULL THEN NULL ELSE lag(d) OVER (PARTITION BY ph ORDER BY at, id) END AS prev_by_phone
      FROM c
    ),
    r AS (
      SELECT l.*, CASE WHEN idn IS NOT NULL THEN 'id' ELSE 'phone' END AS matched_by, coalesce(idn, ph) AS identity,
        (julianday(d) - julianday(prev_by_id) <= ${windowDays}
          OR julianday(d) - julianday(prev_by_phone) <= ${windowDays}) IS 1 AS is_repeat
      FROM l
    )
    SELECT matched_by, identity, max(name) AS name, count(*) AS n, min(d) AS first, max(d) AS last,
      json_group_array(id) AS ids, sum(sum(is_repeat)) OVER () AS repeat_cases, count(*) OVER () AS people
    FROM r GROUP BY matched_by, identity HAVING max(is_repeat) = 1
    ORDER BY n DESC, last DESC, matched_by, identity LIMIT ${limit}`);
  const groups = rows;
  const totals = { cases: rows[0]?.repeat_cases ?? 0, people: rows[0]?.people ?? 0 };
  return {
    repeatCaseCount: totals.cases,
    complainantCount: totals.people,
    groups: groups.map((g) => ({
      matchedBy: g.matched_by,
      identity: g.identity,
      complainantName: g.name,
      caseCount: g.n,
      firstDate: g.first,
      lastDate: g.last,
      // Sorted: json_group_array's order is unspecified, and the cache must give the same list.
      caseIds: (JSON.parse(g.ids) as string[]).sort(compareText),
    })),
  };
}
