import { sql } from 'drizzle-orm';
import { countCases } from '../../db/repos/cases.repo';
import { caseScopeFor } from '../../db/queries/case-filter';
import { analyticsWhere, type AnalyticsScope } from '../../db/queries/analytics/common';
import { queryComparison } from '../../db/queries/analytics/comparison';
import { queryEmerging } from '../../db/queries/analytics/emerging';
import { queryOutcomes } from '../../db/queries/analytics/outcomes';
import { queryPareto } from '../../db/queries/analytics/recurring';
import { queryRegulator } from '../../db/queries/analytics/regulator';
import { queryRepeats } from '../../db/queries/analytics/repeats';
import { queryTimeliness } from '../../db/queries/analytics/timeliness';
import { queryTrends, withRange } from '../../db/queries/analytics/trends';
import {
  dashboardRequestSchema,
  drillDownRequestSchema,
  type Dashboard,
  type DashboardRequest,
  type DashboardRequestInput,
  type DateRange,
  type DrillDownResult,
  type RepeatResult,
} from '../../shared/domain/analytics';
import { addDaysIso, periodStart } from '../../shared/domain/analytics-periods';
import { can } from '../../shared/domain/roles';
import { caseSettings, parseInput, requirePermission, today } from './cases-shared';
import type { ServiceContext } from './context';
import { drillFilter } from './analytics/drill';
import { maskIdentifier } from './reports/masking';

export { listDenominators, setDenominator, deleteDenominator } from './analytics/denominators';

/** The scope, today and settings every analytics query builds its WHERE clause from. */
export function analyticsScope(ctx: ServiceContext): AnalyticsScope {
  return { scope: caseScopeFor(ctx.actor), today: today(ctx), dueSoonDays: caseSettings(ctx).dueSoonDays };
}

/**
 * The dashboard's date range: the filter's own range on the chosen basis, else the twelve months
 * up to today (from the first day of the month eleven months back).
 */
export function resolveRange(request: DashboardRequest, todayDate: string): DateRange {
  const f = request.filter;
  const [from, to] = request.dateBasis === 'received' ? [f.receivedFrom, f.receivedTo] : [f.closedFrom, f.closedTo];
  const end = to ?? todayDate;
  const start = from ?? periodStart(addDaysIso(periodStart(end, 'month'), -1 - 10 * 31), 'month');
  return { from: start, to: end };
}

export function getDashboard(ctx: ServiceContext, input: DashboardRequestInput): Dashboard {
  requirePermission(ctx, 'analytics:view');
  const request = parseInput(dashboardRequestSchema, input);
  const context = analyticsScope(ctx);
  const range = resolveRange(request, context.today);
  const base = withRange(request.filter, request.dateBasis, range);
  const { db } = ctx;
  return {
    range,
    total: countCases(db, analyticsWhere(base, context)),
    trends: queryTrends(db, context, { ...request, filter: request.filter, range }),
    pareto: queryPareto(db, context, base),
    repeats: maskedRepeats(ctx, queryRepeatsResult(ctx, context, base)),
    emerging: queryEmerging(db, context, base, range.to),
    timeliness: queryTimeliness(db, context, base),
    outcomes: queryOutcomes(db, context, base),
    comparison: queryComparison(db, context, base, range, request.denominatorKind),
    regulator: queryRegulator(db, context, base, range.to),
  };
}

function queryRepeatsResult(ctx: ServiceContext, context: AnalyticsScope, base: DashboardRequest['filter']): RepeatResult {
  const windowDays = caseSettings(ctx).repeatWindowDays;
  return { windowDays, ...queryRepeats(ctx.db, context, base, windowDays) };
}

/** ID numbers and phones in the repeat list are masked unless the actor may see them. */
function maskedRepeats(ctx: ServiceContext, result: RepeatResult): RepeatResult {
  if (can(ctx.actor.role, 'pii:view')) return result;
  return { ...result, groups: result.groups.map((g) => ({ ...g, identity: maskIdentifier(g.identity) })) };
}

/** The grid filter behind one chart element, and how many cases it selects. */
export function drillDown(ctx: ServiceContext, input: unknown): DrillDownResult {
  requirePermission(ctx, 'analytics:view');
  const request = parseInput(drillDownRequestSchema, input);
  const context = analyticsScope(ctx);
  const range = resolveRange(request, context.today);
  const filter = drillFilter(request, range, request.element);
  return { filter, count: countCases(ctx.db, analyticsWhere(filter, context)) };
}

/** Cases matching a filter as the actor may see them (exports and tests use it). */
export function countFiltered(ctx: ServiceContext, filter: DashboardRequest['filter']): number {
  return countCases(ctx.db, sql`${analyticsWhere(filter, analyticsScope(ctx))}`);
}
