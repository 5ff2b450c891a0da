import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../../shared/domain/case';
import type { OutcomesResult } from '../../../shared/domain/analytics';
import type { ArchiveDb } from '../../open';
import { analyticsWhere, rate, type AnalyticsScope } from './common';

const SATISFIED = new Set<string>(['very_satisfied', 'satisfied']);

/** Resolution types and amounts paid, satisfaction answers, and review (核查) requests. */
export function queryOutcomes(db: ArchiveDb, context: AnalyticsScope, filter: CaseFilter): OutcomesResult {
  const where = analyticsWhere(filter, context);
  const resolutionRows = db.all<{ t: string; n: number; amount: number }>(sql`
    SELECT cases.resolution_type AS t, count(*) AS n, coalesce(sum(cases.resolution_amount_fen), 0) AS amount
    FROM cases WHERE ${where} AND cases.resolution_type IS NOT NULL GROUP BY 1`);
  const satisfactionRows = db.all<{ s: string; n: number }>(sql`
    SELECT cases.satisfaction AS s, count(*) AS n FROM cases WHERE ${where} AND cases.satisfaction IS NOT NULL GROUP BY 1`);
  const totals = db.all<{ decided: number; reviews: number }>(sql`
    SELECT count(cases.is_on_time) AS decided, count(cases.review_requested_date) AS reviews FROM cases WHERE ${where}`)[0];
  return outcomesResult(resolutionRows, satisfactionRows, totals?.decided ?? 0, totals?.reviews ?? 0);
}

/** The block from its counts (shared with the fact cache, main/services/analytics/fact-blocks.ts). */
export function outcomesResult(
  resolutionRows: readonly { t: string; n: number; amount: number }[],
  satisfactionRows: readonly { s: string; n: number }[],
  decided: number,
  reviews: number,
): OutcomesResult {
  const resolutions = RESOLUTION_TYPES.map((type) => {
    const row = resolutionRows.find((r) => r.t === type);
    return { type, count: row?.n ?? 0, amountFen: row?.amount ?? 0 };
  });
  const satisfaction = SATISFACTION_LEVELS.map((level) => ({
    level,
    count: satisfactionRows.find((r) => r.s === level)?.n ?? 0,
  }));
  const answered = satisfaction.reduce((s, r) => s + r.count, 0);
  const satisfied = satisfaction.filter((r) => SATISFIED.has(r.level)).reduce((s, r) => s + r.count, 0);
  return {
    resolutions,
    amountPaidFen: resolutions.reduce((s, r) => s + r.amountFen, 0),
    satisfaction,
    satisfactionRate: rate(satisfied, answered),
    decided,
    reviewRequests: reviews,
    reviewRate: rate(reviews, decided),
  };
}
