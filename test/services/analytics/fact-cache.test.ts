import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';
import { insertCases } from '../../helpers/case-rows';
import { dashboardBothWays, seededCases } from '../../helpers/seeded-cases';
import { getDashboard } from '../../../main/services/analytics/analytics.service';
import { factTableFor } from '../../../main/services/analytics/fact-cache/fact-dashboard';
import { appendEvent } from '../../../db/repos/history.repo';
import type { DashboardRequestInput } from '../../../shared/domain/analytics';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../../shared/domain/case';
import type { Role } from '../../../shared/domain/roles';

/**
 * The fact cache must give exactly what the SQL queries give: the SQL is the definition of every
 * block. Compared on a seeded archive with varied filters, requests and actors (a supervisor sees
 * only their branch), and again after cases change underneath a loaded cache.
 */

let fx: ArchiveFixture;
beforeAll(() => {
  fx = createArchiveFixture();
  insertCases(fx.db, seededCases(900, 7));
});
afterAll(() => fx.close());

const bothWays = (role: Role, input: DashboardRequestInput, branchCode = 'BJ01') =>
  dashboardBothWays(fx, role, input, branchCode);

const sub = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 0, maxLength: values.length });
const FILTER_FIELDS = {
  statuses: sub(['registered', 'accepted', 'investigating', 'closed'] as const),
  branchCodes: sub(['BJ01', 'SH01', 'GZ01']),
  channelCodes: sub(['A01', 'A03', 'A0301', '']),
  businessCodes: sub(['B01', 'B02', 'B0201', 'B09']),
  causeCodes: sub(['C09', 'C0901']),
  insuranceLines: sub(['life', 'property']),
  priorities: sub(['urgent', 'major', 'ordinary'] as const),
  handlerUserIds: sub([userIdFor('handler'), 'user-gone']),
  resolutionTypes: sub(RESOLUTION_TYPES),
  satisfaction: sub(SATISFACTION_LEVELS),
  receivedFrom: fc.constantFrom('2025-06-01', '2026-02-15', '2026-10-01'),
  receivedTo: fc.constantFrom('2026-06-30', '2026-11-23'),
  closedFrom: fc.constantFrom('2025-09-01', '2026-05-01'),
  dueTo: fc.constantFrom('2026-11-25', '2026-12-31'),
  deadline: fc.constantFrom('overdue', 'due_soon', 'on_time', 'late' as const),
  isRepeat: fc.boolean(),
  hasReviewRequest: fc.boolean(),
  limitDays: sub([15, 30, 60]),
  handlingDaysFrom: fc.integer({ min: 0, max: 20 }),
  handlingDaysTo: fc.integer({ min: 10, max: 70 }),
  hasHandler: fc.boolean(),
  // Full-text (3+ characters), the LIKE fallback (1–2), a number, and tags: masks (fact-members.ts).
  text: fc.constantFrom('理财经理', '手续费', '年费', '王', '13800000001'),
  tags: sub(['vip', 'media', 'none-such']),
};
type FilterField = keyof typeof FILTER_FIELDS;
// Up to three conditions at once: more would select nothing and compare empty dashboards.
const filterArbitrary = fc
  .tuple(fc.record(FILTER_FIELDS), fc.subarray(Object.keys(FILTER_FIELDS) as FilterField[], { maxLength: 3 }))
  .map(([values, keys]) => Object.fromEntries(keys.map((k) => [k, values[k]])));
const requestArbitrary = fc.record({
  filter: filterArbitrary,
  granularity: fc.constantFrom('day', 'week', 'month', 'quarter' as const),
  splitBy: fc.constantFrom(
    'none',
    'channel',
    'business',
    'cause',
    'branch',
    'priority',
    'status',
    'insuranceLine' as const,
  ),
  dateBasis: fc.constantFrom('received', 'closed' as const),
  denominatorKind: fc.constantFrom('customers', 'policies' as const),
});

describe('analytics fact cache', () => {
  it('equals the SQL queries for the default dashboard of every actor', () => {
    for (const [role, branch] of [
      ['analyst', 'BJ01'],
      ['supervisor', 'BJ01'],
      ['supervisor', 'SH01'],
    ] as const) {
      const { cache, sql } = bothWays(role, {}, branch);
      expect(cache.total).toBeGreaterThan(50);
      expect(cache.repeats.groups.length).toBeGreaterThan(0);
      expect(cache).toEqual(sql);
    }
  });

  it('keeps a supervisor to their own branch', () => {
    const all = bothWays('analyst', {}).cache.total;
    const own = bothWays('supervisor', {}, 'SH01').cache;
    expect(own.total).toBeLessThan(all);
    expect(own.comparison.byBranch.map((r) => r.code)).toEqual(['SH01']);
  });

  it('equals the SQL queries for varied filters, splits and actors', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(requestArbitrary, fc.constantFrom<Role>('analyst', 'supervisor'), (request, role) => {
        const { cache, sql } = bothWays(role, request);
        expect(cache).toEqual(sql);
        if (cache.total > 0) nonEmpty += 1;
      }),
      { numRuns: 80, seed: 20261123 },
    );
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it('follows cases added and changed after it was loaded', () => {
    const before = getDashboard(fx.ctx('analyst'), {});
    factTableFor(fx.db);
    insertCases(
      fx.db,
      seededCases(40, 99).map((c) => ({
        ...c,
        receivedDate: '2026-11-20',
        receivedAt: Date.parse('2026-11-20T04:00:00Z'),
      })),
    );
    // A change as the services make it: the row and its history event in one transaction.
    const changed = fx.db.$client
      .prepare("SELECT id FROM cases WHERE received_date >= '2026-01-01' LIMIT 3")
      .pluck()
      .all() as string[];
    fx.db.transaction(() => {
      for (const id of changed) {
        fx.db.$client
          .prepare(
            "UPDATE cases SET branch_code = 'SH01', complainant_phone = '13800000009', status = 'closed' WHERE id = ?",
          )
          .run(id);
        appendEvent(fx.db, {
          caseId: id,
          type: 'case.edited',
          actorUserId: userIdFor('admin'),
          payload: {},
          at: Date.now(),
        });
      }
      // A corrected receipt date moves a case out of the cache's date order.
      const early = fx.db.$client
        .prepare("SELECT id FROM cases WHERE received_date < '2025-06-01' LIMIT 1")
        .pluck()
        .get() as string;
      fx.db.$client.prepare("UPDATE cases SET received_date = '2026-11-21' WHERE id = ?").run(early);
      appendEvent(fx.db, {
        caseId: early,
        type: 'case.edited',
        actorUserId: userIdFor('admin'),
        payload: {},
        at: Date.now(),
      });
    });
    const after = bothWays('analyst', {});
    expect(after.cache.total).toBe(before.total + 41); // 40 new, 1 moved into the range
    expect(after.cache).toEqual(after.sql);
    expect(bothWays('supervisor', {}, 'SH01').cache).toEqual(bothWays('supervisor', {}, 'SH01').sql);
  });

  it('answers through SQL while a bulk load has dropped the indexes it loads from', () => {
    const other = createArchiveFixture();
    try {
      insertCases(other.db, seededCases(60, 3));
      other.db.$client.exec('DROP INDEX cases_analytics_idx');
      const dashboard = getDashboard(other.ctx('analyst'), {});
      expect(dashboard.total).toBeGreaterThan(0);
      expect(dashboard.total).toBe(
        other.db.$client
          .prepare("SELECT count(*) FROM cases WHERE received_date >= ? AND received_date <= '2026-11-23'")
          .pluck()
          .get(dashboard.range.from),
      );
    } finally {
      other.close();
    }
  });

  it('evaluates free text and tags over the cache, as SQL does', () => {
    for (const filter of [
      { text: '理财经理' },
      { text: '年费' },
      { tags: ['vip'] },
      { text: '手续费', tags: ['media'] },
    ]) {
      const { cache, sql } = bothWays('analyst', { filter });
      expect(cache.total).toBeGreaterThan(20);
      expect(cache.total).toBeLessThan(bothWays('analyst', {}).cache.total);
      expect(cache).toEqual(sql);
    }
    expect(getDashboard(fx.ctx('analyst'), { filter: { tags: ['none-such'] } }).total).toBe(0);
  });
});
