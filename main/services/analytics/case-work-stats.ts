import {
  intakeSplit,
  rectificationCounts,
  recurrencesAfterVerification,
} from '../../../db/queries/analytics/case-work';
import { analyticsWhere } from '../../../db/queries/analytics/common';
import { dashboardRequestSchema, type DashboardRequestInput } from '../../../shared/domain/analytics';
import type { CaseWorkStats } from '../../../shared/domain/case-work-stats';
import { parseInput, requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { analyticsScope, resolveRange } from './analytics.service';

/** The dashboard's case-work block, for the same filter and period as the rest of the dashboard. */
export function getCaseWorkStats(ctx: ServiceContext, input: DashboardRequestInput): CaseWorkStats {
  requirePermission(ctx, 'analytics:view');
  const request = parseInput(dashboardRequestSchema, input);
  const scope = analyticsScope(ctx);
  const range = resolveRange(request, scope.today);
  const where = analyticsWhere({ ...request.filter, receivedFrom: range.from, receivedTo: range.to }, scope);
  return {
    ...range,
    intake: intakeSplit(ctx.db, where),
    rectification: rectificationCounts(ctx.db, where, scope.today),
    recurrences: recurrencesAfterVerification(ctx.db, where),
  };
}
