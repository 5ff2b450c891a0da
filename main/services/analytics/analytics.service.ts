import { revealValue } from '../../../db/pii/reveal';
import { sql } from 'drizzle-orm';
import { countCases } from '../../../db/repos/cases/cases.repo';
import { caseScopeFor } from '../../../db/queries/case-filter';
import { analyticsWhere, type AnalyticsScope } from '../../../db/queries/analytics/common';
import {
  dashboardRequestSchema,
  drillDownRequestSchema,
  type Dashboard,
  type DashboardRequest,
  type DashboardRequestInput,
  type DateRange,
  type DrillDownResult,
  type RepeatResult,
} from '../../../shared/domain/analytics';
import { dashboardFromCache, isFactTableLoaded } from './fact-cache/fact-dashboard';
import { isCacheable } from './fact-cache/fact-filter';
import { FactCacheLimitError } from './fact-cache/fact-table';
import { dashboardFromSql } from './sql-dashboard';
import { addDaysIso, periodStart } from '../../../shared/domain/analytics-periods';
import { can } from '../../../shared/domain/roles';
import { caseSettings, parseInput, requirePermission, today } from '../cases/case-scope';
import type { ServiceContext } from '../context';
import { drillFilter } from './drill';
import { maskIdNumber } from '../../../shared/domain/masking';

export { listDenominators, setDenominator, deleteDenominator } from './denominators';

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
  const [from, to] =
    request.dateBasis === 'received' ? [f.receivedFrom, f.receivedTo] : [f.closedFrom, f.closedTo];
  const end = to ?? todayDate;
  const start = from ?? periodStart(addDaysIso(periodStart(end, 'month'), -1 - 10 * 31), 'month');
  return { from: start, to: end };
}

export interface DashboardOptions {
  /**
   * false: use the fact cache only if this archive already loaded it, else SQL. Exports pass it:
   * a one-off export should not pay (or hold the memory of) the cache's first load.
   */
  mayLoadCache?: boolean;
}

/**
 * Every block of the dashboard. Computed from the in-memory fact cache (analytics/fact-table.ts)
 * (free text and tags resolved once to the cases that pass them) unless the filter names an
 * insurance category or explicit case ids; those go to the SQL queries, which define what each
 * block means.
 */
export function getDashboard(
  ctx: ServiceContext,
  input: DashboardRequestInput,
  options: DashboardOptions = {},
): Dashboard {
  requirePermission(ctx, 'analytics:view');
  const request = parseInput(dashboardRequestSchema, input);
  const context = analyticsScope(ctx);
  const range = resolveRange(request, context.today);
  const useCache =
    isCacheable(request.filter) && (options.mayLoadCache !== false || isFactTableLoaded(ctx.db));
  const repeatWindowDays = caseSettings(ctx).repeatWindowDays;
  const blocksInput = { request, range, context, repeatWindowDays };
  const dashboard = (useCache && cachedOrNull(ctx, blocksInput)) || dashboardFromSql(ctx.db, blocksInput);
  return { ...dashboard, repeats: maskedRepeats(ctx, dashboard.repeats) };
}

/**
 * The dashboard from the cache, or null when the cache cannot be built right now: a bulk load
 * (db/bulk-load.ts) drops the indexes the cache loads from until it rebuilds them, and an archive
 * with more distinct codes than a 16-bit column holds is not one the cache serves. SQL answers then.
 */
function cachedOrNull(
  ctx: ServiceContext,
  input: Parameters<typeof dashboardFromCache>[1],
): Dashboard | null {
  try {
    return dashboardFromCache(ctx.db, input);
  } catch (error) {
    const isMissingIndex =
      error instanceof Error && error.name === 'SqliteError' && /no such index/.test(error.message);
    if (isMissingIndex || error instanceof FactCacheLimitError) return null;
    throw error;
  }
}

/**
 * The repeat list groups by blind-index entry; each group shows its identifier from its newest
 * case: opened for an actor who may see it (and whose session holds the PII key), else masked.
 */
function maskedRepeats(ctx: ServiceContext, result: RepeatResult): RepeatResult {
  const isMasked = !can(ctx.actor.role, 'pii:view');
  const readOne = ctx.db.$client.prepare(
    `SELECT complainant_id_number AS idNumber, complainant_id_number_sealed AS idSealed,
       complainant_phone AS phone, complainant_phone_sealed AS phoneSealed FROM cases WHERE id = ?`,
  );
  const shown = (g: RepeatResult['groups'][number]): string => {
    const row = readOne.get(g.caseIds[g.caseIds.length - 1] ?? '') as
      | { idNumber: string | null; idSealed: string | null; phone: string | null; phoneSealed: string | null }
      | undefined;
    if (!row) return '';
    const value =
      g.matchedBy === 'id'
        ? isMasked
          ? row.idNumber
          : revealValue(ctx.db.$client, 'id', row.idSealed, row.idNumber)
        : isMasked
          ? row.phone
          : revealValue(ctx.db.$client, 'phone', row.phoneSealed, row.phone);
    return isMasked ? maskIdNumber(value ?? '') : (value ?? '');
  };
  return { ...result, groups: result.groups.map((g) => ({ ...g, identity: shown(g) })) };
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
