import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { ParetoResult } from '../../../shared/domain/analytics';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, topLevelCodeSql, type AnalyticsScope } from './common';

/** Causes (JR/T 0169 C, large class) by count, most frequent first, with the cumulative share. */
export function queryPareto(db: ArchiveDb, context: AnalyticsScope, filter: CaseFilter): ParetoResult {
  const cause = topLevelCodeSql(db, 'C', sql`cases.cause_code`);
  const rows = db.all<{ code: string; n: number }>(sql`
    SELECT ${cause} AS code, count(*) AS n FROM cases WHERE ${analyticsWhere(filter, context)}
    GROUP BY 1 ORDER BY 2 DESC, 1`);
  return paretoResult(rows);
}

/** Causes by count, most first, with their running share of the total (the fact cache builds the same). */
export function paretoResult(rows: readonly { code: string; n: number }[]): ParetoResult {
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  let running = 0;
  return {
    total,
    rows: rows.map((r) => {
      running += r.n;
      return { causeCode: r.code, count: r.n, cumulativeShare: total === 0 ? 0 : running / total };
    }),
  };
}
