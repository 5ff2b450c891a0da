import { sql } from 'drizzle-orm';
import type { ArchiveDb } from '../../../../db/open';
import type { AnalyticsScope } from '../../../../db/queries/analytics/common';
import { comparisonResult } from '../../../../db/queries/analytics/comparison';
import { emergingFilter, emergingResult, emergingWeeks } from '../../../../db/queries/analytics/emerging';
import { regulatorFilter, regulatorResult } from '../../../../db/queries/analytics/regulator';
import {
  previousYearRange,
  trendResult,
  withRange,
  type PeriodCounts,
} from '../../../../db/queries/analytics/trends';
import type {
  Dashboard,
  DashboardRequest,
  DateRange,
  SplitDimension,
} from '../../../../shared/domain/analytics';
import { narrowFilter } from '../../../../shared/domain/analytics-filter';
import { periodStart, quarterOf } from '../../../../shared/domain/analytics-periods';
import type { CaseFilter } from '../../../../shared/domain/case-query';
import { isoOfDay } from './fact-columns';
import {
  byCountDesc,
  countCodes,
  outcomesFromCache,
  paretoFromCache,
  regulatorRows,
  rollUp,
  timelinessFromCache,
  topLevels,
  type Tops,
} from './fact-blocks';
import { selectCases, type Selection } from './fact-filter';
import { maskedSelector } from './fact-members';
import { repeatsFromCache } from './fact-repeats';
import { factTableFor } from './fact-cache';
import type { FactTable } from './fact-table';

export { factTableFor, isFactTableLoaded } from './fact-cache';

export interface CachedDashboardInput {
  request: DashboardRequest;
  range: DateRange;
  context: AnalyticsScope;
  repeatWindowDays: number;
}

/** Every block except the repeat list's masking (the service masks), from the cache. */
export function dashboardFromCache(db: ArchiveDb, input: CachedDashboardInput): Dashboard {
  const t = factTableFor(db);
  const { request, range, context } = input;
  const select = maskedSelector(db, t, (filter: CaseFilter, members) =>
    selectCases(t, filter, context, members),
  );
  const base = withRange(request.filter, request.dateBasis, range);
  const selection = select(base);
  const tops = {
    a: topLevels(db, t.dict.channel, 'A'),
    b: topLevels(db, t.dict.business, 'B'),
    c: topLevels(db, t.dict.cause, 'C'),
  };
  const quarter = quarterOf(range.to);
  const weeks = emergingWeeks(range.to);
  const branches = t.dict.branch.values;
  return {
    range,
    total: selection.length,
    trends: trendsFromCache(t, select, request, range, tops),
    pareto: paretoFromCache(t, selection, tops.c),
    repeats: {
      windowDays: input.repeatWindowDays,
      ...repeatsFromCache(t, db.$client, selection, input.repeatWindowDays),
    },
    emerging: emergingResult(weeks, emergingRows(t, select(emergingFilter(base, weeks)), weeks, tops)),
    timeliness: timelinessFromCache(t, selection, {
      dueSoon: select(narrowFilter(base, { deadline: 'due_soon' })),
      overdue: select(narrowFilter(base, { deadline: 'overdue' })),
      handlerNames: handlerNames(db),
    }),
    outcomes: outcomesFromCache(t, selection),
    comparison: comparisonResult(
      db,
      byCountDesc(rollUp(countCodes(selection, t.branch, branches.length), branches)),
      byCountDesc(rollUp(countCodes(selection, t.business, tops.b.length), tops.b)),
      range,
      request.denominatorKind,
    ),
    regulator: regulatorResult(quarter, regulatorRows(t, select(regulatorFilter(base, quarter)), tops)),
  };
}

function trendsFromCache(
  t: FactTable,
  select: (filter: CaseFilter) => Selection,
  request: DashboardRequest,
  range: DateRange,
  tops: Tops,
): Dashboard['trends'] {
  const query = {
    range,
    granularity: request.granularity,
    dateBasis: request.dateBasis,
    splitBy: request.splitBy,
  };
  const days = request.dateBasis === 'received' ? t.received : t.closed;
  const split = splitColumn(t, request.splitBy, tops);
  const count = (filter: CaseFilter) => countByPeriod(select(filter), days, split, request.granularity);
  const current = count(withRange(request.filter, request.dateBasis, range));
  const lastYear = count(
    withRange(request.filter, request.dateBasis, previousYearRange(range, request.granularity)),
  );
  return trendResult(query, current, lastYear);
}

type Split = { column: ArrayLike<number> | null; labels: readonly (string | null)[] };

/** Counted per (day, split code) in a flat array, then rolled up to periods and split labels. */
function countByPeriod(
  selection: Selection,
  days: Int32Array,
  split: Split,
  granularity: DashboardRequest['granularity'],
): PeriodCounts {
  const out: PeriodCounts = new Map();
  if (selection.length === 0) return out;
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < selection.length; k++) {
    const day = days[selection[k]!]!;
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const width = split.labels.length;
  const counts = new Int32Array((last - first + 1) * width);
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    counts[(days[i]! - first) * width + (split.column ? split.column[i]! : 0)]! += 1;
  }
  counts.forEach((n, cell) => {
    const label = split.labels[cell % width];
    if (n === 0 || label === null || label === undefined) return; // NULL split values are left out
    const period = periodStart(isoOfDay(first + Math.floor(cell / width)), granularity);
    const byPeriod = out.get(label) ?? new Map<string, number>();
    byPeriod.set(period, (byPeriod.get(period) ?? 0) + n);
    out.set(label, byPeriod);
  });
  return out;
}

/** splitSql in JS: the column a trend is split by and the label of each code (null = NULL). */
function splitColumn(t: FactTable, dimension: SplitDimension, tops: Tops): Split {
  const d = t.dict;
  switch (dimension) {
    case 'none':
      return { column: null, labels: [''] };
    case 'channel':
      return { column: t.channel, labels: tops.a };
    case 'business':
      return { column: t.business, labels: tops.b };
    case 'cause':
      return { column: t.cause, labels: tops.c };
    case 'branch':
      return { column: t.branch, labels: d.branch.values };
    case 'priority':
      return { column: t.priority, labels: d.priority.values };
    case 'status':
      return { column: t.status, labels: d.status.values };
    case 'insuranceLine':
      return { column: t.insuranceLine, labels: d.insuranceLine.values };
    default: {
      const unreachable: never = dimension;
      throw new Error(`unknown split ${String(unreachable)}`);
    }
  }
}

/** (business, cause, week) counts: per (week, business code, cause code), rolled up to large classes. */
function emergingRows(
  t: FactTable,
  selection: Selection,
  weeks: string[],
  tops: Tops,
): { b: string; c: string; w: string; n: number }[] {
  const firstDay = Date.parse(`${weeks[0]}T00:00:00Z`) / 86_400_000;
  const [nb, nc] = [tops.b.length, tops.c.length];
  const counts = new Int32Array(weeks.length * nb * nc);
  for (let k = 0; k < selection.length; k++) {
    const i = selection[k]!;
    const week = Math.floor((t.received[i]! - firstDay) / 7);
    counts[(week * nb + t.business[i]!) * nc + t.cause[i]!]! += 1;
  }
  const rows = new Map<string, { b: string; c: string; w: string; n: number }>();
  counts.forEach((n, cell) => {
    if (n === 0) return;
    const [w, b, c] = [
      weeks[Math.floor(cell / (nb * nc))]!,
      tops.b[Math.floor(cell / nc) % nb]!,
      tops.c[cell % nc]!,
    ];
    const key = `${b}\u0000${c}\u0000${w}`;
    const row = rows.get(key) ?? { b, c, w, n: 0 };
    row.n += n;
    rows.set(key, row);
  });
  return [...rows.values()];
}

function handlerNames(db: ArchiveDb): Map<string, string> {
  const rows = db.all<{ id: string; name: string }>(sql`SELECT id, display_name AS name FROM users`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
