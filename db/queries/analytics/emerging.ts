import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { EmergingResult } from '../../../shared/domain/analytics';
import { addDaysIso, periodStart } from '../../../shared/domain/analytics-periods';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, compareText, periodStartSql, topLevelCodeSql, type AnalyticsScope } from './common';

/**
 * Emerging issues: a (business, cause) pair whose count in the latest week breaks out of its own
 * recent level. Method: a Shewhart control limit, mean + 3σ over the previous BASELINE_WEEKS
 * weeks (chosen over EWMA because an analyst can check it by hand from the series on screen).
 * Two guards keep rare pairs from flagging on noise:
 * - σ is floored at √max(mean, 1), the Poisson noise of a count with that mean, so a flat
 *   history of zeros does not make a single case "infinitely" unusual;
 * - the latest week must hold at least MIN_LATEST cases.
 * Ranked by how far above the limit, in σ: score = (latest − mean) / σ.
 */
export const BASELINE_WEEKS = 12;
export const MIN_LATEST = 3;

export interface BreakoutTest {
  latest: number;
  baselineMean: number;
  baselineSd: number;
  threshold: number;
  score: number;
  isBreakout: boolean;
}

/** Tests the last value of `series` against the ones before it (population σ). */
export function testBreakout(series: readonly number[]): BreakoutTest {
  const latest = series.at(-1) ?? 0;
  const baseline = series.slice(0, -1);
  const mean = baseline.length === 0 ? 0 : baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const variance =
    baseline.length === 0 ? 0 : baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / baseline.length;
  const sd = Math.max(Math.sqrt(variance), Math.sqrt(Math.max(mean, 1)));
  const threshold = mean + 3 * sd;
  return {
    latest,
    baselineMean: mean,
    baselineSd: sd,
    threshold,
    score: (latest - mean) / sd,
    isBreakout: latest > threshold && latest >= MIN_LATEST,
  };
}

/** The weeks examined: BASELINE_WEEKS before the week containing `lastDay`, then that week. */
export function emergingWeeks(lastDay: string): string[] {
  const last = periodStart(lastDay, 'week');
  return Array.from({ length: BASELINE_WEEKS + 1 }, (_, i) => addDaysIso(last, (i - BASELINE_WEEKS) * 7));
}

/**
 * `filter` is the dashboard filter; its received-date range is replaced by the weeks examined
 * (the test needs its baseline even when the dashboard shows a shorter range).
 */
export function emergingFilter(filter: CaseFilter, weeks: readonly string[]): CaseFilter {
  return { ...filter, receivedFrom: weeks[0], receivedTo: addDaysIso(weeks.at(-1)!, 6) };
}

export function queryEmerging(
  db: ArchiveDb,
  context: AnalyticsScope,
  filter: CaseFilter,
  lastDay: string,
): EmergingResult {
  const weeks = emergingWeeks(lastDay);
  const business = topLevelCodeSql(db, 'B', sql`cases.business_code`);
  const cause = topLevelCodeSql(db, 'C', sql`cases.cause_code`);
  const rows = db.all<{ b: string; c: string; w: string; n: number }>(sql`
    SELECT ${business} AS b, ${cause} AS c, ${periodStartSql(sql`cases.received_date`, 'week')} AS w, count(*) AS n
    FROM cases WHERE ${analyticsWhere(emergingFilter(filter, weeks), context)}
    GROUP BY 1, 2, 3`);
  return emergingResult(weeks, rows);
}

/**
 * The block from (business, cause, week) counts (shared with the fact cache). Pairs are taken in
 * (business, cause) order so that pairs with equal scores keep one order whoever computed them.
 */
export function emergingResult(
  weeks: string[],
  rows: readonly { b: string; c: string; w: string; n: number }[],
): EmergingResult {
  const seriesByPair = new Map<string, number[]>();
  const index = new Map(weeks.map((w, i) => [w, i]));
  for (const row of rows) {
    const key = `${row.b}\u0000${row.c}`;
    const series = seriesByPair.get(key) ?? weeks.map(() => 0);
    series[index.get(row.w)!] = row.n;
    seriesByPair.set(key, series);
  }
  const issues = [...seriesByPair.entries()]
    .map(([key, series]) => {
      const [businessCode = '', causeCode = ''] = key.split('\u0000');
      return { businessCode, causeCode, series, test: testBreakout(series) };
    })
    .filter((pair) => pair.test.isBreakout)
    .sort((a, b) => compareText(a.businessCode, b.businessCode) || compareText(a.causeCode, b.causeCode))
    .sort((a, b) => b.test.score - a.test.score)
    .map(({ businessCode, causeCode, series, test }) => ({
      businessCode,
      causeCode,
      latest: test.latest,
      baselineMean: test.baselineMean,
      baselineSd: test.baselineSd,
      threshold: test.threshold,
      score: test.score,
      series,
    }));
  return { weeks, issues };
}
