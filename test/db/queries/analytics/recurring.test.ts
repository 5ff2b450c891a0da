import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { insertCases, type CaseFacts } from '../../../helpers/case-rows';
import { caseScopeFor } from '../../../../db/queries/case-filter';
import type { AnalyticsScope } from '../../../../db/queries/analytics/common';
import { queryPareto } from '../../../../db/queries/analytics/recurring';
import { queryRepeats } from '../../../../db/queries/analytics/repeats';
import { blindIndexOf } from '../../../../db/pii/pii-state';
import { emergingWeeks, queryEmerging, testBreakout } from '../../../../db/queries/analytics/emerging';
import { addDaysIso } from '../../../../shared/domain/analytics-periods';

let fx: ArchiveFixture;
let analyst: AnalyticsScope;
beforeEach(() => {
  fx = createArchiveFixture();
  analyst = { scope: caseScopeFor(fx.actor('analyst')), today: '2026-11-23', dueSoonDays: 3 };
});
afterEach(() => fx.close());

describe('queryPareto', () => {
  it('ranks causes by count with the cumulative share', () => {
    insertCases(fx.db, [
      { receivedDate: '2026-10-01', causeCode: 'C01' },
      { receivedDate: '2026-10-02', causeCode: 'C01' },
      { receivedDate: '2026-10-03', causeCode: 'C0102' },
      { receivedDate: '2026-10-04', causeCode: 'C09' },
      { receivedDate: '2025-10-04', causeCode: 'C09' }, // outside the filter's range
    ]);
    const result = queryPareto(fx.db, analyst, { receivedFrom: '2026-01-01', receivedTo: '2026-12-31' });
    expect(result).toEqual({
      total: 4,
      rows: [
        { causeCode: 'C01', count: 3, cumulativeShare: 0.75 },
        { causeCode: 'C09', count: 1, cumulativeShare: 1 },
      ],
    });
  });
});

describe('queryRepeats', () => {
  const ID = '110101199001011234';
  beforeEach(() => {
    insertCases(fx.db, [
      { receivedDate: '2026-01-01', complainantIdNumber: ID, complainantName: '李四' },
      { receivedDate: '2026-08-01', complainantIdNumber: ID, complainantName: '李四' }, // 212 days later: not a repeat
      { receivedDate: '2026-09-15', complainantIdNumber: ID, complainantName: '李四' }, // 45 days later: repeat
      { receivedDate: '2026-10-01', complainantPhone: '13800000001', complainantName: '王五' },
      { receivedDate: '2026-10-05', complainantPhone: '13800000001', complainantName: '王五' }, // repeat by phone
      { receivedDate: '2026-10-06', complainantPhone: '13900000002' }, // alone
      { receivedDate: '2026-10-07' }, // no identifier at all
    ]);
  });

  it('counts cases that follow another of the same complainant within the window', () => {
    const result = queryRepeats(fx.db, analyst, {}, 90);
    expect(result.repeatCaseCount).toBe(2);
    expect(result.complainantCount).toBe(2);
    expect(result.groups.map(({ caseIds, ...g }) => ({ ...g, cases: caseIds.length }))).toEqual([
      {
        matchedBy: 'id',
        identity: blindIndexOf(fx.db.$client, 'id', ID),
        complainantName: '李四',
        caseCount: 3,
        firstDate: '2026-01-01',
        lastDate: '2026-09-15',
        cases: 3,
      },
      {
        matchedBy: 'phone',
        identity: blindIndexOf(fx.db.$client, 'phone', '13800000001'),
        complainantName: '王五',
        caseCount: 2,
        firstDate: '2026-10-01',
        lastDate: '2026-10-05',
        cases: 2,
      },
    ]);
  });

  it('honours the window setting', () => {
    expect(queryRepeats(fx.db, analyst, {}, 3).repeatCaseCount).toBe(0);
    expect(queryRepeats(fx.db, analyst, {}, 4).repeatCaseCount).toBe(1);
    expect(queryRepeats(fx.db, analyst, {}, 212).repeatCaseCount).toBe(3);
  });
});

describe('emerging issues', () => {
  it('flags a count above mean + 3σ of the twelve weeks before (hand-computed)', () => {
    const baseline = [2, 3, 2, 4, 3, 2, 3, 2, 4, 3, 2, 3]; // mean 2.75, σ 0.72 → floored at √2.75 = 1.658
    const at8 = testBreakout([...baseline, 8]);
    expect(at8.baselineMean).toBeCloseTo(2.75, 10);
    expect(at8.baselineSd).toBeCloseTo(Math.sqrt(2.75), 10);
    expect(at8.threshold).toBeCloseTo(2.75 + 3 * Math.sqrt(2.75), 10); // 7.725
    expect(at8.isBreakout).toBe(true);
    expect(testBreakout([...baseline, 7]).isBreakout).toBe(false);
    // A noisy history: σ = 5 beats the floor, threshold = 10 + 15.
    const noisy = [5, 15, 5, 15, 5, 15, 5, 15, 5, 15, 5, 15];
    expect(testBreakout([...noisy, 25]).isBreakout).toBe(false);
    expect(testBreakout([...noisy, 26]).baselineSd).toBe(5);
    expect(testBreakout([...noisy, 26]).isBreakout).toBe(true);
    // From nothing: σ floored at 1, threshold 3, and at least 3 cases needed.
    expect(testBreakout([...Array(12).fill(0), 3]).isBreakout).toBe(false);
    expect(testBreakout([...Array(12).fill(0), 4]).isBreakout).toBe(true);
  });

  it('finds the (business, cause) pair that broke out in the latest week and ranks by score', () => {
    const weeks = emergingWeeks('2026-11-23');
    expect(weeks[12]).toBe('2026-11-23');
    expect(weeks[0]).toBe('2026-08-31');
    const facts: CaseFacts[] = [];
    weeks.forEach((week, i) => {
      facts.push({ receivedDate: addDaysIso(week, 1), businessCode: 'B01', causeCode: 'C01' }); // steady 1 a week
      const loans = i === 12 ? 6 : 1;
      for (let k = 0; k < loans; k += 1)
        facts.push({ receivedDate: addDaysIso(week, k % 2), businessCode: 'B0201', causeCode: 'C09' });
      if (i === 12)
        for (let k = 0; k < 7; k += 1)
          facts.push({ receivedDate: week, businessCode: 'B03', causeCode: 'C01' });
    });
    insertCases(fx.db, facts);
    const result = queryEmerging(fx.db, analyst, {}, '2026-11-23');
    expect(result.weeks).toEqual(weeks);
    // B03/C01: mean 0, σ floored at 1 → score 7; B02/C09: mean 1, σ floored at 1 → (6 − 1) / 1 = 5;
    // B01/C01 stays at 1 a week and is not flagged.
    expect(result.issues.map((i) => [i.businessCode, i.causeCode, i.latest, i.score])).toEqual([
      ['B03', 'C01', 7, 7],
      ['B02', 'C09', 6, 5],
    ]);
    expect(result.issues.find((i) => i.businessCode === 'B02')!.series).toEqual([...Array(12).fill(1), 6]);
  });
});
