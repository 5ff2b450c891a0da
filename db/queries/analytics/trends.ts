import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type {
  DateBasis,
  DateRange,
  Granularity,
  SplitDimension,
  TrendResult,
} from '../../../shared/domain/analytics';
import { periodsBetween, previousYear } from '../../../shared/domain/analytics-periods';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, dateColumn, periodStartSql, splitSql, type AnalyticsScope } from './common';

export interface TrendQuery {
  filter: CaseFilter;
  range: DateRange;
  granularity: Granularity;
  dateBasis: DateBasis;
  splitBy: SplitDimension;
}

/** The filter restricted to a date range on the chosen basis (received or closed date). */
export function withRange(filter: CaseFilter, basis: DateBasis, range: DateRange): CaseFilter {
  return basis === 'received'
    ? { ...filter, receivedFrom: range.from, receivedTo: range.to }
    : { ...filter, closedFrom: range.from, closedTo: range.to };
}

export function previousYearRange(range: DateRange, granularity: Granularity): DateRange {
  return { from: previousYear(range.from, granularity), to: previousYear(range.to, granularity) };
}

/**
 * Counts per period (and split value) on the received or closed date, with the same periods a
 * year earlier. `filter` must already hold the range on the date basis (see `withRange`).
 */
export function queryTrends(db: ArchiveDb, context: AnalyticsScope, query: TrendQuery): TrendResult {
  const current = countByPeriod(db, context, query, withRange(query.filter, query.dateBasis, query.range));
  const lastYear = countByPeriod(
    db,
    context,
    query,
    withRange(query.filter, query.dateBasis, previousYearRange(query.range, query.granularity)),
  );
  return trendResult(query, current, lastYear);
}

/** Counts per split key and period start, this range and a year earlier (shared with the fact cache). */
export type PeriodCounts = Map<string, Map<string, number>>;

export function trendResult(
  query: Omit<TrendQuery, 'filter'>,
  current: PeriodCounts,
  lastYear: PeriodCounts,
): TrendResult {
  const buckets = periodsBetween(query.range.from, query.range.to, query.granularity);
  const keys = [...new Set([...current.keys(), ...lastYear.keys()])].sort();
  const series = keys.map((key) => ({
    key,
    values: buckets.map((b) => current.get(key)?.get(b) ?? 0),
    previousYear: buckets.map((b) => lastYear.get(key)?.get(previousYear(b, query.granularity)) ?? 0),
  }));
  return {
    granularity: query.granularity,
    dateBasis: query.dateBasis,
    splitBy: query.splitBy,
    buckets,
    series,
  };
}

function countByPeriod(
  db: ArchiveDb,
  context: AnalyticsScope,
  query: TrendQuery,
  filter: CaseFilter,
): Map<string, Map<string, number>> {
  const period = periodStartSql(dateColumn(query.dateBasis), query.granularity);
  const split = splitSql(db, query.splitBy);
  const rows = db.all<{ period: string; split: string | null; n: number }>(sql`
    SELECT ${period} AS period, ${split} AS split, count(*) AS n
    FROM cases WHERE ${analyticsWhere(filter, context)}
    GROUP BY 1, 2`);
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.split === null) continue; // e.g. bank cases in an insurance-line split
    const byPeriod = out.get(row.split) ?? new Map<string, number>();
    byPeriod.set(row.period, row.n);
    out.set(row.split, byPeriod);
  }
  return out;
}
