import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { ComparisonResult, DateRange, DenominatorKind } from '../../../shared/domain/analytics';
import { periodStart } from '../../../shared/domain/analytics-periods';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, topLevelCodeSql, type AnalyticsScope } from './common';

/**
 * Branch and product (business large class) comparison. With denominators entered for the
 * quarters of the range, each count is also given per 10,000 customers/policies. A branch's
 * denominator is the mean of its quarterly values in the range (a headcount, not a flow, so it is
 * averaged, not summed); a product's is that mean summed over the branches counted.
 */
export function queryComparison(
  db: ArchiveDb,
  context: AnalyticsScope,
  filter: CaseFilter,
  range: DateRange,
  kind: DenominatorKind,
): ComparisonResult {
  const where = analyticsWhere(filter, context);
  // `+branch_code`: grouping by the bare column tempts the planner into walking the whole
  // (branch, received_at) index to skip a sort, reading every row; the date range is far cheaper.
  const business = topLevelCodeSql(db, 'B', sql`cases.business_code`);
  const byBranch = db.all<{ code: string; n: number }>(sql`
    SELECT +cases.branch_code AS code, count(*) AS n FROM cases WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`);
  const byBusiness = db.all<{ code: string; n: number }>(sql`
    SELECT ${business} AS code, count(*) AS n FROM cases WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`);
  return comparisonResult(db, byBranch, byBusiness, range, kind);
}

/** The block from counts sorted by (count desc, code), with the denominators (shared with the fact cache). */
export function comparisonResult(
  db: ArchiveDb,
  byBranch: readonly { code: string; n: number }[],
  byBusiness: readonly { code: string; n: number }[],
  range: DateRange,
  kind: DenominatorKind,
): ComparisonResult {
  const denominators = db.all<{ branch: string; business: string; mean: number }>(sql`
    SELECT branch_code AS branch, business_code AS business, avg(value) AS mean FROM denominators
    WHERE kind = ${kind} AND period_start >= ${periodStart(range.from, 'quarter')} AND period_start <= ${range.to}
    GROUP BY 1, 2`);
  const branches = new Set(byBranch.map((r) => r.code));
  const branchDenominator = (code: string) =>
    denominators.find((d) => d.branch === code && d.business === '')?.mean ?? null;
  const businessDenominator = (code: string) => {
    const matching = denominators.filter((d) => d.business === code && branches.has(d.branch));
    return matching.length === 0 ? null : matching.reduce((s, d) => s + d.mean, 0);
  };
  const withRate = (
    rows: readonly { code: string; n: number }[],
    denominatorOf: (code: string) => number | null,
  ) =>
    rows.map((r) => {
      const denominator = denominatorOf(r.code);
      return {
        code: r.code,
        count: r.n,
        denominator,
        per10k: denominator ? (r.n * 10_000) / denominator : null,
      };
    });
  return {
    denominatorKind: kind,
    byBranch: withRate(byBranch, branchDenominator),
    byBusiness: withRate(byBusiness, businessDenominator),
  };
}
