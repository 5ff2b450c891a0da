import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';
import { decided, insertCases, type CaseFacts } from '../../helpers/case-rows';
import { drillDown, getDashboard } from '../../../main/services/analytics/analytics.service';
import {
  HANDLING_DAY_BUCKETS,
  type DashboardRequestInput,
  type DrillElement,
} from '../../../shared/domain/analytics';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../../shared/domain/case';
import { addDaysIso } from '../../../shared/domain/analytics-periods';
import { AppError } from '../../../shared/errors';
import { caseFilterSchema } from '../../../shared/domain/case-query';

/** A deterministic pseudo-random mix of cases, so every chart has several non-empty elements. */
function randomCases(count: number): CaseFacts[] {
  let state = 42;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: count }, () => {
    const receivedDate = addDaysIso('2025-06-01', Math.floor(next() * 540));
    const common = {
      branchCode: pick(['BJ01', 'BJ01', 'SH01']),
      channelCode: pick(['A01', 'A03', 'A0301']),
      businessCode: pick(['B01', 'B02', 'B0201', 'B03']),
      causeCode: pick(['C01', 'C09']),
      priority: pick(['urgent', 'major', 'ordinary'] as const),
      complainantPhone: pick(['13800000001', '13800000002', null, null, null]),
      handlerUserId: pick([userIdFor('handler'), userIdFor('handler', 'SH01'), null]),
      limitDays: pick([15, 15, 30, 60]),
    };
    if (receivedDate < '2026-11-01' && next() < 0.7) {
      return decided(receivedDate, Math.floor(next() * 70), {
        ...common,
        resolutionType: pick(RESOLUTION_TYPES),
        resolutionAmountFen: Math.floor(next() * 10_000),
        satisfaction: pick([...SATISFACTION_LEVELS, null]),
        reviewRequestedDate: next() < 0.1 ? addDaysIso(receivedDate, 40) : null,
      });
    }
    const dueDate = addDaysIso('2026-11-23', Math.floor(next() * 10) - 5);
    return { receivedDate, ...common, status: pick(['accepted', 'investigating'] as const), dueDate };
  });
}

let fx: ArchiveFixture;
beforeAll(() => {
  fx = createArchiveFixture();
  insertCases(fx.db, randomCases(600));
  // A burst in the latest week, so the emerging-issues chart has something to drill into.
  insertCases(
    fx.db,
    Array.from({ length: 8 }, () => ({
      receivedDate: '2026-11-23',
      businessCode: 'B03',
      causeCode: 'C09',
      priority: 'urgent' as const,
    })),
  );
});
afterAll(() => fx.close());

const REQUESTS: [string, 'analyst' | 'supervisor', DashboardRequestInput][] = [
  ['all branches, monthly by business', 'analyst', { granularity: 'month', splitBy: 'business' }],
  [
    'own branch, weekly by channel, narrowed filter',
    'supervisor',
    {
      filter: { businessCodes: ['B0201', 'B03'], receivedFrom: '2026-03-10', receivedTo: '2026-11-23' },
      granularity: 'week',
      splitBy: 'channel',
    },
  ],
  [
    'closed date, quarterly by status',
    'analyst',
    {
      granularity: 'quarter',
      splitBy: 'status',
      dateBasis: 'closed',
      filter: { priorities: ['urgent', 'major'] },
    },
  ],
];

describe.each(REQUESTS)('drill-down equals the chart element (%s)', (_name, role, request) => {
  const ctx = () => fx.ctx(role);
  const expectDrill = (element: DrillElement, value: number) => {
    const result = drillDown(ctx(), { ...request, element });
    expect(result.count, JSON.stringify(element)).toBe(value);
    expect(caseFilterSchema.safeParse(result.filter).success).toBe(true);
  };

  it('for every trend point, this year and last', () => {
    const { trends } = getDashboard(ctx(), request);
    let checked = 0;
    for (const series of trends.series) {
      trends.buckets.forEach((bucket, i) => {
        expectDrill(
          { kind: 'trend', bucket, splitKey: series.key, isPreviousYear: false },
          series.values[i]!,
        );
        expectDrill(
          { kind: 'trend', bucket, splitKey: series.key, isPreviousYear: true },
          series.previousYear[i]!,
        );
        checked += series.values[i]! + series.previousYear[i]!;
      });
    }
    expect(checked).toBeGreaterThan(0);
    // The chart's dashed line: all split values a year earlier together.
    trends.buckets.forEach((bucket, i) => {
      const total = trends.series.reduce((s, series) => s + series.previousYear[i]!, 0);
      expectDrill({ kind: 'trend', bucket, splitKey: '', isPreviousYear: true }, total);
    });
  });

  it('for causes, repeats, timeliness, outcomes, comparison and the regulator table', () => {
    const d = getDashboard(ctx(), request);
    expect(d.total).toBeGreaterThan(0);
    for (const row of d.pareto.rows) expectDrill({ kind: 'pareto', causeCode: row.causeCode }, row.count);
    for (const group of d.repeats.groups)
      expectDrill({ kind: 'repeat', caseIds: group.caseIds }, group.caseCount);
    expectDrill({ kind: 'on-time', isOnTime: true }, d.timeliness.onTime);
    expectDrill({ kind: 'on-time', isOnTime: false }, d.timeliness.decided - d.timeliness.onTime);
    for (const row of d.timeliness.byLimit)
      expectDrill({ kind: 'on-time', isOnTime: true, limitDays: row.limitDays }, row.onTime);
    HANDLING_DAY_BUCKETS.forEach((_, i) =>
      expectDrill({ kind: 'handling-days', bucketIndex: i }, d.timeliness.handlingDays[i]!),
    );
    for (const by of ['handler', 'branch'] as const) {
      for (const row of by === 'handler' ? d.timeliness.byHandler : d.timeliness.byBranch) {
        expectDrill({ kind: 'deadline', by, key: row.key, deadline: 'overdue' }, row.overdue);
        expectDrill({ kind: 'deadline', by, key: row.key, deadline: 'due_soon' }, row.dueSoon);
      }
    }
    for (const row of d.outcomes.resolutions) expectDrill({ kind: 'resolution', type: row.type }, row.count);
    for (const row of d.outcomes.satisfaction)
      expectDrill({ kind: 'satisfaction', level: row.level }, row.count);
    expectDrill({ kind: 'review' }, d.outcomes.reviewRequests);
    for (const row of d.comparison.byBranch)
      expectDrill({ kind: 'comparison', by: 'branch', code: row.code }, row.count);
    for (const row of d.comparison.byBusiness)
      expectDrill({ kind: 'comparison', by: 'business', code: row.code }, row.count);
    for (const row of d.regulator.rows) {
      expectDrill(
        {
          kind: 'regulator',
          channelCode: row.channelCode,
          businessCode: row.businessCode,
          causeCode: row.causeCode,
        },
        row.count,
      );
    }
  });

  it('for each week of each emerging issue', () => {
    const d = getDashboard(ctx(), request);
    // On the closed-date basis the open burst has no closing date and nothing breaks out.
    if (request.dateBasis !== 'closed')
      expect(d.emerging.issues.map((i) => `${i.businessCode}/${i.causeCode}`)).toContain('B03/C09');
    for (const issue of d.emerging.issues) {
      d.emerging.weeks.forEach((weekStart, i) =>
        expectDrill(
          { kind: 'emerging', businessCode: issue.businessCode, causeCode: issue.causeCode, weekStart },
          issue.series[i]!,
        ),
      );
    }
  });
});

describe('permissions', () => {
  it('refuses roles without analytics:view', () => {
    expect(() => getDashboard(fx.ctx('clerk'), {})).toThrow(AppError);
    expect(() => drillDown(fx.ctx('handler'), { element: { kind: 'review' } })).toThrow(/analytics:view/);
  });

  it('masks repeat complainants’ phones unless the role may see them', () => {
    const analyst = getDashboard(fx.ctx('analyst'), {}).repeats.groups;
    const supervisor = getDashboard(fx.ctx('supervisor'), {}).repeats.groups;
    expect(analyst.length).toBeGreaterThan(0);
    for (const g of analyst) expect(g.identity).toMatch(/^138\*{4}000[12]$/);
    expect(supervisor.map((g) => g.identity)).toEqual(expect.arrayContaining(['13800000001']));
  });
});
