import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { insertCases } from '../../../helpers/case-rows';
import { queryTrends } from '../../../../db/queries/analytics/trends';
import { periodStartSql } from '../../../../db/queries/analytics/common';
import { caseScopeFor } from '../../../../db/queries/case-filter';
import { addDaysIso, periodStart, periodsBetween } from '../../../../shared/domain/analytics-periods';
import type { AnalyticsScope } from '../../../../db/queries/analytics/common';

let fx: ArchiveFixture;
beforeEach(() => {
  fx = createArchiveFixture();
});
afterEach(() => fx.close());

function scopeOf(role: 'analyst' | 'handler'): AnalyticsScope {
  return { scope: caseScopeFor(fx.actor(role)), today: '2026-11-23', dueSoonDays: 3 };
}

describe('queryTrends', () => {
  beforeEach(() => {
    insertCases(fx.db, [
      { receivedDate: '2026-09-05', businessCode: 'B01' },
      { receivedDate: '2026-09-20', businessCode: 'B0201' }, // counted under its large class B02
      { receivedDate: '2026-10-02', businessCode: 'B02' },
      { receivedDate: '2026-11-23', businessCode: 'B01' },
      { receivedDate: '2025-09-10', businessCode: 'B01' }, // a year earlier
      { receivedDate: '2025-11-30', businessCode: 'B02' }, // a year earlier
      { receivedDate: '2026-10-10', businessCode: 'B01', branchCode: 'SH01' }, // another branch
      { receivedDate: '2026-08-31', businessCode: 'B01' }, // before the range
    ]);
  });

  it('counts per month by business large class, with the same months a year earlier', () => {
    const result = queryTrends(fx.db, scopeOf('analyst'), {
      filter: {},
      range: { from: '2026-09-01', to: '2026-11-30' },
      granularity: 'month',
      dateBasis: 'received',
      splitBy: 'business',
    });
    expect(result.buckets).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(result.series).toEqual([
      { key: 'B01', values: [1, 1, 1], previousYear: [1, 0, 0] },
      { key: 'B02', values: [1, 1, 0], previousYear: [0, 0, 1] },
    ]);
  });

  it('keeps to the actor’s branch and applies the filter', () => {
    const result = queryTrends(fx.db, scopeOf('handler'), {
      filter: { businessCodes: ['B01'] },
      range: { from: '2026-09-01', to: '2026-11-30' },
      granularity: 'quarter',
      dateBasis: 'received',
      splitBy: 'none',
    });
    expect(result.buckets).toEqual(['2026-07-01', '2026-10-01']);
    // Q3 from 2026-09-01: one B01 case (09-05); Q4: 11-23 (the SH01 case is out of scope).
    expect(result.series).toEqual([{ key: '', values: [1, 1], previousYear: [1, 0] }]);
  });

  it('counts on the closed date when asked', () => {
    insertCases(fx.db, [
      { receivedDate: '2026-08-01', status: 'closed', closedDate: '2026-09-03' },
      { receivedDate: '2026-09-01', status: 'closed', closedDate: '2026-09-09' },
    ]);
    const result = queryTrends(fx.db, scopeOf('analyst'), {
      filter: {},
      range: { from: '2026-08-31', to: '2026-09-13' },
      granularity: 'week',
      dateBasis: 'closed',
      splitBy: 'status',
    });
    expect(result.buckets).toEqual(['2026-08-31', '2026-09-07']);
    expect(result.series).toEqual([{ key: 'closed', values: [1, 1], previousYear: [0, 0] }]);
  });
});

describe('period arithmetic', () => {
  it('agrees between SQL and TypeScript on every day of two years', () => {
    const days = periodsBetween('2025-01-01', '2026-12-31', 'day');
    for (const granularity of ['day', 'week', 'month', 'quarter'] as const) {
      const rows = fx.db.all<{ d: string; p: string }>(sql`
        WITH RECURSIVE d(x) AS (SELECT '2025-01-01' UNION ALL SELECT date(x, '+1 day') FROM d WHERE x < '2026-12-31')
        SELECT x AS d, ${periodStartSql(sql`x`, granularity)} AS p FROM d`);
      expect(rows.length).toBe(days.length);
      for (const row of rows) expect(row.p, `${granularity} ${row.d}`).toBe(periodStart(row.d, granularity));
    }
    expect(periodStart('2026-11-29', 'week')).toBe('2026-11-23'); // a Sunday belongs to the week before
    expect(addDaysIso('2026-02-28', 1)).toBe('2026-03-01');
  });
});
