import type { CaseFilter } from '../../../shared/domain/case-query';
import type { DashboardRequest, DateRange, DrillElement } from '../../../shared/domain/analytics';
import { narrowFilter, type FilterPatch } from '../../../shared/domain/analytics-filter';
import { addDaysIso, clipPeriod, previousYear, quarterOf } from '../../../shared/domain/analytics-periods';
import { splitPatch } from '../../../db/queries/analytics/common';
import { emergingFilter, emergingWeeks } from '../../../db/queries/analytics/emerging';
import { regulatorFilter } from '../../../db/queries/analytics/regulator';
import { handlingDaysPatch } from '../../../db/queries/analytics/timeliness';
import { previousYearRange, withRange } from '../../../db/queries/analytics/trends';

/**
 * The filter behind one chart element: the dashboard's filter (with its date range on the chosen
 * basis) narrowed by the element. Each branch mirrors how the query of that chart counted, so
 * `count(drillFilter)` equals the element's value; test/services/analytics/drill.test.ts checks every family.
 */
export function drillFilter(request: DashboardRequest, range: DateRange, element: DrillElement): CaseFilter {
  const base = withRange(request.filter, request.dateBasis, range);
  switch (element.kind) {
    case 'trend':
      return trendDrill(request, range, element);
    case 'pareto':
      return narrowFilter(base, { causeCodes: [element.causeCode] });
    case 'repeat':
      return narrowFilter(base, { caseIds: element.caseIds });
    case 'emerging': {
      const weeks = emergingWeeks(range.to);
      return narrowFilter(emergingFilter(base, weeks), {
        businessCodes: [element.businessCode],
        causeCodes: [element.causeCode],
        receivedFrom: element.weekStart,
        receivedTo: addDaysIso(element.weekStart, 6),
      });
    }
    case 'on-time':
      return narrowFilter(base, {
        deadline: element.isOnTime ? 'on_time' : 'late',
        ...(element.limitDays === undefined ? {} : { limitDays: [element.limitDays] }),
      });
    case 'handling-days':
      return narrowFilter(base, handlingDaysPatch(element.bucketIndex));
    case 'deadline':
      return narrowFilter(base, { deadline: element.deadline, ...deadlineKeyPatch(element.by, element.key) });
    case 'resolution':
      return narrowFilter(base, { resolutionTypes: [element.type] });
    case 'satisfaction':
      return narrowFilter(base, { satisfaction: [element.level] });
    case 'review':
      return narrowFilter(base, { hasReviewRequest: true });
    case 'comparison':
      return narrowFilter(
        base,
        element.by === 'branch' ? { branchCodes: [element.code] } : { businessCodes: [element.code] },
      );
    case 'regulator':
      return narrowFilter(regulatorFilter(base, quarterOf(range.to)), {
        channelCodes: [element.channelCode],
        businessCodes: [element.businessCode],
        causeCodes: [element.causeCode],
      });
    default: {
      const unreachable: never = element;
      throw new Error(`unknown chart element ${JSON.stringify(unreachable)}`);
    }
  }
}

function trendDrill(
  request: DashboardRequest,
  range: DateRange,
  element: Extract<DrillElement, { kind: 'trend' }>,
) {
  const { granularity, dateBasis } = request;
  const seriesRange = element.isPreviousYear ? previousYearRange(range, granularity) : range;
  const bucket = element.isPreviousYear ? previousYear(element.bucket, granularity) : element.bucket;
  const period = clipPeriod(bucket, granularity, seriesRange);
  const dates: FilterPatch =
    dateBasis === 'received'
      ? { receivedFrom: period.from, receivedTo: period.to }
      : { closedFrom: period.from, closedTo: period.to };
  return narrowFilter(withRange(request.filter, dateBasis, seriesRange), {
    ...dates,
    // '' is the total of all split values (the chart's "a year earlier" line).
    ...(element.splitKey === '' ? {} : (splitPatch(request.splitBy, element.splitKey) as FilterPatch)),
  });
}

function deadlineKeyPatch(by: 'handler' | 'branch', key: string): FilterPatch {
  if (by === 'branch') return { branchCodes: [key] };
  return key === '' ? { hasHandler: false } : { handlerUserIds: [key] };
}
