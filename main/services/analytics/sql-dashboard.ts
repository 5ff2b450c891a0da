import { countCases } from '../../../db/repos/cases/cases.repo';
import { analyticsWhere } from '../../../db/queries/analytics/common';
import { queryComparison } from '../../../db/queries/analytics/comparison';
import { queryEmerging } from '../../../db/queries/analytics/emerging';
import { queryOutcomes } from '../../../db/queries/analytics/outcomes';
import { queryPareto } from '../../../db/queries/analytics/recurring';
import { queryRegulator } from '../../../db/queries/analytics/regulator';
import { queryRepeats } from '../../../db/queries/analytics/repeats';
import { queryTimeliness } from '../../../db/queries/analytics/timeliness';
import { queryTrends, withRange } from '../../../db/queries/analytics/trends';
import type { ArchiveDb } from '../../../db/open';
import type { Dashboard } from '../../../shared/domain/analytics';
import type { CachedDashboardInput } from './fact-cache/fact-dashboard';

/**
 * Every block by its SQL query over the archive: the definition of each block, used for filters
 * the fact cache cannot evaluate and, in the tests, as the reference the cache must equal.
 * The repeat list is not masked here (the service masks).
 */
export function dashboardFromSql(db: ArchiveDb, input: CachedDashboardInput): Dashboard {
  const { request, range, context, repeatWindowDays } = input;
  const base = withRange(request.filter, request.dateBasis, range);
  return {
    range,
    total: countCases(db, analyticsWhere(base, context)),
    trends: queryTrends(db, context, { ...request, filter: request.filter, range }),
    pareto: queryPareto(db, context, base),
    repeats: { windowDays: repeatWindowDays, ...queryRepeats(db, context, base, repeatWindowDays) },
    emerging: queryEmerging(db, context, base, range.to),
    timeliness: queryTimeliness(db, context, base),
    outcomes: queryOutcomes(db, context, base),
    comparison: queryComparison(db, context, base, range, request.denominatorKind),
    regulator: queryRegulator(db, context, base, range.to),
  };
}
