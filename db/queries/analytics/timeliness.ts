import { sql } from 'drizzle-orm';
import type { CaseFilter } from '../../../shared/domain/case-query';
import { HANDLING_DAY_BUCKETS, type TimelinessResult } from '../../../shared/domain/analytics';
import { narrowFilter } from '../../../shared/domain/analytics-filter';
import type { ArchiveDb } from '../../open';
import { HANDLING_DAYS, analyticsWhere, rate, type AnalyticsScope } from './common';

/**
 * Timeliness (及时性): on-time rate of decided cases (overall and per 15/30/60-day limit), the
 * distribution of handling days, and open cases due soon / overdue by handler and by branch.
 * "Decided" means `is_on_time` is set, exactly what the `deadline: on_time | late` filter uses.
 */
export function queryTimeliness(
  db: ArchiveDb,
  context: AnalyticsScope,
  filter: CaseFilter,
): TimelinessResult {
  const where = analyticsWhere(filter, context);
  const byLimit = db.all<{ limit_days: number; decided: number; on_time: number }>(sql`
    SELECT cases.limit_days, count(cases.is_on_time) AS decided, coalesce(sum(cases.is_on_time), 0) AS on_time
    FROM cases WHERE ${where} AND cases.is_on_time IS NOT NULL GROUP BY 1 ORDER BY 1`);
  const bucketCases = HANDLING_DAY_BUCKETS.map(
    (b, i) => sql`WHEN ${HANDLING_DAYS} <= ${b.to ?? Number.MAX_SAFE_INTEGER} THEN ${i}`,
  );
  const histogram = db.all<{ bucket: number; n: number; total_days: number }>(sql`
    SELECT CASE ${sql.join(bucketCases, sql` `)} END AS bucket, count(*) AS n, sum(${HANDLING_DAYS}) AS total_days
    FROM cases WHERE ${where} AND cases.decided_date IS NOT NULL AND ${HANDLING_DAYS} >= 0 GROUP BY 1`);
  return timelinessResult(
    byLimit,
    histogram,
    deadlineCounts(db, context, filter, 'handler'),
    deadlineCounts(db, context, filter, 'branch'),
  );
}

export type DeadlineCounts = { key: string; name: string; dueSoon: number; overdue: number };

/** The block from its counts (shared with the fact cache); `byLimit` sorted by limit. */
export function timelinessResult(
  byLimit: readonly { limit_days: number; decided: number; on_time: number }[],
  histogram: readonly { bucket: number; n: number; total_days: number }[],
  byHandler: DeadlineCounts[],
  byBranch: DeadlineCounts[],
): TimelinessResult {
  const decided = byLimit.reduce((s, r) => s + r.decided, 0);
  const onTime = byLimit.reduce((s, r) => s + r.on_time, 0);
  const handlingDays = HANDLING_DAY_BUCKETS.map((_, i) => histogram.find((h) => h.bucket === i)?.n ?? 0);
  const handled = handlingDays.reduce((a, b) => a + b, 0);
  const totalDays = histogram.reduce((s, h) => s + h.total_days, 0);
  return {
    decided,
    onTime,
    onTimeRate: rate(onTime, decided),
    byLimit: byLimit.map((r) => ({ limitDays: r.limit_days, decided: r.decided, onTime: r.on_time })),
    averageHandlingDays: handled === 0 ? null : totalDays / handled,
    handlingDays,
    byHandler,
    byBranch: byBranch.map(({ key, dueSoon, overdue }) => ({ key, dueSoon, overdue })),
  };
}

/** The handling-days bucket's inclusive bounds as filter fields. */
export function handlingDaysPatch(
  bucketIndex: number,
): Pick<CaseFilter, 'handlingDaysFrom' | 'handlingDaysTo'> {
  const bucket = HANDLING_DAY_BUCKETS[bucketIndex];
  if (!bucket) throw new RangeError(`no handling-days bucket ${bucketIndex}`);
  return bucket.to === null
    ? { handlingDaysFrom: bucket.from }
    : { handlingDaysFrom: bucket.from, handlingDaysTo: bucket.to };
}

function deadlineCounts(
  db: ArchiveDb,
  context: AnalyticsScope,
  filter: CaseFilter,
  by: 'handler' | 'branch',
): DeadlineCounts[] {
  const key = by === 'handler' ? sql`coalesce(cases.handler_user_id, '')` : sql`+cases.branch_code`;
  // Counted through the same filter the drill-down uses, so the definitions cannot drift apart.
  const [dueSoon, overdue] = (['due_soon', 'overdue'] as const).map((deadline) =>
    db.all<{ k: string; name: string | null; n: number }>(sql`
      SELECT ${key} AS k, max(users.display_name) AS name, count(*) AS n
      FROM cases LEFT JOIN users ON users.id = cases.handler_user_id
      WHERE ${analyticsWhere(narrowFilter(filter, { deadline }), context)} GROUP BY 1`),
  );
  return mergeDeadlineCounts(by, dueSoon!, overdue!);
}

/** Due-soon and overdue counts per key merged, most pressing first (shared with the fact cache). */
export function mergeDeadlineCounts(
  by: 'handler' | 'branch',
  dueSoonRows: readonly { k: string; name: string | null; n: number }[],
  overdueRows: readonly { k: string; name: string | null; n: number }[],
): DeadlineCounts[] {
  const out = new Map<string, DeadlineCounts>();
  for (const [deadline, rows] of [
    ['due_soon', dueSoonRows],
    ['overdue', overdueRows],
  ] as const) {
    for (const row of rows) {
      const entry = out.get(row.k) ?? {
        key: row.k,
        name: by === 'handler' ? (row.name ?? '') : row.k,
        dueSoon: 0,
        overdue: 0,
      };
      if (deadline === 'due_soon') entry.dueSoon = row.n;
      else entry.overdue = row.n;
      out.set(row.k, entry);
    }
  }
  return [...out.values()].sort(
    (a, b) => b.overdue + b.dueSoon - (a.overdue + a.dueSoon) || a.key.localeCompare(b.key),
  );
}
