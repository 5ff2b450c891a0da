import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { RegulatorResult } from '../../../shared/domain/analytics';
import { quarterOf } from '../../../shared/domain/analytics-periods';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, rate, topLevelCodeSql, type AnalyticsScope } from './common';

/** The quarter's filter: the dashboard filter with its received range replaced by the quarter. */
export function regulatorFilter(filter: CaseFilter, quarter: { from: string; to: string }): CaseFilter {
  return { ...filter, receivedFrom: quarter.from, receivedTo: quarter.to };
}

/**
 * The regulator's quarterly statistics (JR/T 0169-2018): cases received in the quarter counted by
 * channel (A) × business (B) × cause (C) large class, with the on-time rate of those decided.
 * `day` is any day of the quarter wanted.
 */
export function queryRegulator(
  db: ArchiveDb,
  context: AnalyticsScope,
  filter: CaseFilter,
  day: string,
): RegulatorResult {
  const quarter = quarterOf(day);
  const a = topLevelCodeSql(db, 'A', sql`cases.channel_code`);
  const b = topLevelCodeSql(db, 'B', sql`cases.business_code`);
  const c = topLevelCodeSql(db, 'C', sql`cases.cause_code`);
  const rows = db.all<{ a: string; b: string; c: string; n: number; decided: number; on_time: number }>(sql`
    SELECT ${a} AS a, ${b} AS b, ${c} AS c, count(*) AS n, count(cases.is_on_time) AS decided,
      coalesce(sum(cases.is_on_time), 0) AS on_time
    FROM cases WHERE ${analyticsWhere(regulatorFilter(filter, quarter), context)}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return regulatorResult(quarter, rows);
}

/** The block from its rows, sorted by (a, b, c) (shared with the fact cache). */
export function regulatorResult(
  quarter: ReturnType<typeof quarterOf>,
  rows: readonly { a: string; b: string; c: string; n: number; decided: number; on_time: number }[],
): RegulatorResult {
  return {
    year: quarter.year,
    quarter: quarter.quarter,
    range: { from: quarter.from, to: quarter.to },
    total: rows.reduce((s, r) => s + r.n, 0),
    rows: rows.map((r) => ({
      channelCode: r.a,
      businessCode: r.b,
      causeCode: r.c,
      count: r.n,
      decided: r.decided,
      onTime: r.on_time,
      onTimeRate: rate(r.on_time, r.decided),
    })),
  };
}
