import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { decided, insertCases } from '../../../helpers/case-rows';
import { caseScopeFor } from '../../../../db/queries/case-filter';
import type { AnalyticsScope } from '../../../../db/queries/analytics/common';
import { queryTimeliness } from '../../../../db/queries/analytics/timeliness';
import { queryOutcomes } from '../../../../db/queries/analytics/outcomes';
import { queryComparison } from '../../../../db/queries/analytics/comparison';
import { queryRegulator } from '../../../../db/queries/analytics/regulator';
import { denominators } from '../../../../db/schema';

let fx: ArchiveFixture;
let analyst: AnalyticsScope;
const handler = userIdFor('handler');
beforeEach(() => {
  fx = createArchiveFixture();
  analyst = { scope: caseScopeFor(fx.actor('analyst')), today: '2026-11-23', dueSoonDays: 3 };
});
afterEach(() => fx.close());

describe('queryTimeliness', () => {
  beforeEach(() => {
    insertCases(fx.db, [
      decided('2026-10-01', 3), // on time, bucket 0–5
      decided('2026-10-01', 15), // on time, bucket 11–15
      decided('2026-10-01', 20), // late (limit 15), bucket 16–30
      decided('2026-10-01', 25, { limitDays: 30 }), // on time under 30, bucket 16–30
      decided('2026-10-01', 70, { limitDays: 60 }), // late, bucket 61+
      { receivedDate: '2026-11-01', status: 'accepted', dueDate: '2026-11-20', handlerUserId: handler }, // overdue
      { receivedDate: '2026-11-01', status: 'investigating', dueDate: '2026-11-25' }, // due soon, unassigned
      { receivedDate: '2026-11-01', status: 'investigating', dueDate: '2026-11-26', handlerUserId: handler }, // due soon (today + 3)
      { receivedDate: '2026-11-01', status: 'investigating', dueDate: '2026-11-27', handlerUserId: handler }, // not yet
      { receivedDate: '2026-11-01', status: 'accepted', dueDate: '2026-11-01', pausedSince: '2026-10-30' }, // paused: not overdue
      { receivedDate: '2026-11-01', status: 'accepted', dueDate: '2026-11-02', branchCode: 'SH01' }, // overdue in SH01
    ]);
  });

  it('gives on-time rates per limit, the handling-days histogram and deadline counts', () => {
    const result = queryTimeliness(fx.db, analyst, {});
    expect(result.decided).toBe(5);
    expect(result.onTime).toBe(3);
    expect(result.onTimeRate).toBeCloseTo(0.6, 10);
    expect(result.byLimit).toEqual([
      { limitDays: 15, decided: 3, onTime: 2 },
      { limitDays: 30, decided: 1, onTime: 1 },
      { limitDays: 60, decided: 1, onTime: 0 },
    ]);
    expect(result.handlingDays).toEqual([1, 0, 1, 2, 0, 1]);
    expect(result.averageHandlingDays).toBeCloseTo((3 + 15 + 20 + 25 + 70) / 5, 10);
    // Unassigned: due soon in BJ01, overdue in SH01. Equal totals sort by key ('' first).
    expect(result.byHandler).toEqual([
      { key: '', name: '', dueSoon: 1, overdue: 1 },
      { key: handler, name: 'handler BJ01', dueSoon: 1, overdue: 1 },
    ]);
    expect(result.byBranch).toEqual([
      { key: 'BJ01', dueSoon: 2, overdue: 1 },
      { key: 'SH01', dueSoon: 0, overdue: 1 },
    ]);
  });

  it('counts nothing due soon when the filter already asks for overdue cases', () => {
    const result = queryTimeliness(fx.db, analyst, { deadline: 'overdue' });
    expect(result.byBranch).toEqual([
      { key: 'BJ01', dueSoon: 0, overdue: 1 },
      { key: 'SH01', dueSoon: 0, overdue: 1 },
    ]);
  });
});

describe('queryOutcomes', () => {
  it('sums resolutions, amounts, satisfaction and review requests', () => {
    insertCases(fx.db, [
      decided('2026-10-01', 3, {
        resolutionType: 'refund',
        resolutionAmountFen: 12_000,
        satisfaction: 'satisfied',
      }),
      decided('2026-10-01', 3, {
        resolutionType: 'refund',
        resolutionAmountFen: 3_000,
        satisfaction: 'very_dissatisfied',
        reviewRequestedDate: '2026-10-20',
      }),
      decided('2026-10-01', 3, { resolutionType: 'explanation', satisfaction: 'very_satisfied' }),
      decided('2026-10-01', 3, { resolutionType: 'compensation', resolutionAmountFen: 50_000 }),
      { receivedDate: '2026-11-01' },
    ]);
    const result = queryOutcomes(fx.db, analyst, {});
    expect(result.resolutions.filter((r) => r.count > 0)).toEqual([
      { type: 'explanation', count: 1, amountFen: 0 },
      { type: 'refund', count: 2, amountFen: 15_000 },
      { type: 'compensation', count: 1, amountFen: 50_000 },
    ]);
    expect(result.amountPaidFen).toBe(65_000);
    expect(result.satisfactionRate).toBeCloseTo(2 / 3, 10);
    expect(result.decided).toBe(4);
    expect(result.reviewRequests).toBe(1);
    expect(result.reviewRate).toBeCloseTo(0.25, 10);
  });
});

describe('queryComparison', () => {
  it('normalises per 10,000 with the mean of the quarters’ denominators', () => {
    insertCases(fx.db, [
      ...Array.from({ length: 6 }, () => ({ receivedDate: '2026-08-01', businessCode: 'B0201' })),
      ...Array.from({ length: 2 }, () => ({ receivedDate: '2026-10-01', branchCode: 'SH01' })),
    ]);
    const row = (branchCode: string, businessCode: string, periodStart: string, value: number) => ({
      id: `${branchCode}${businessCode}${periodStart}`,
      branchCode,
      businessCode,
      kind: 'customers' as const,
      periodStart,
      value,
      updatedBy: 'x',
      updatedAt: 0,
    });
    fx.db
      .insert(denominators)
      .values([
        row('BJ01', '', '2026-07-01', 10_000),
        row('BJ01', '', '2026-10-01', 30_000), // mean 20,000 → 6 cases = 3 per 10k
        row('BJ01', 'B02', '2026-07-01', 4_000), // product denominator → 6 per 4,000 = 15 per 10k
        row('BJ01', '', '2025-10-01', 1), // outside the range: ignored
      ])
      .run();
    const result = queryComparison(fx.db, analyst, {}, { from: '2026-07-01', to: '2026-12-31' }, 'customers');
    expect(result.byBranch).toEqual([
      { code: 'BJ01', count: 6, denominator: 20_000, per10k: 3 },
      { code: 'SH01', count: 2, denominator: null, per10k: null },
    ]);
    expect(result.byBusiness).toEqual([
      { code: 'B02', count: 6, denominator: 4_000, per10k: 15 },
      { code: 'B01', count: 2, denominator: null, per10k: null },
    ]);
  });
});

describe('queryRegulator', () => {
  it('counts the quarter by A × B × C large class with the on-time rate', () => {
    insertCases(fx.db, [
      decided('2026-10-08', 3, { channelCode: 'A0301', businessCode: 'B0201', causeCode: 'C09' }),
      decided('2026-12-30', 20, { channelCode: 'A03', businessCode: 'B02', causeCode: 'C09' }),
      { receivedDate: '2026-11-11', channelCode: 'A03', businessCode: 'B02', causeCode: 'C09' },
      { receivedDate: '2026-11-11' },
      { receivedDate: '2026-09-30' }, // Q3
    ]);
    const result = queryRegulator(fx.db, analyst, {}, '2026-11-23');
    expect(result).toMatchObject({
      year: 2026,
      quarter: 4,
      range: { from: '2026-10-01', to: '2026-12-31' },
      total: 4,
    });
    expect(result.rows).toEqual([
      {
        channelCode: 'A01',
        businessCode: 'B01',
        causeCode: 'C01',
        count: 1,
        decided: 0,
        onTime: 0,
        onTimeRate: null,
      },
      {
        channelCode: 'A03',
        businessCode: 'B02',
        causeCode: 'C09',
        count: 3,
        decided: 2,
        onTime: 1,
        onTimeRate: 0.5,
      },
    ]);
  });
});
