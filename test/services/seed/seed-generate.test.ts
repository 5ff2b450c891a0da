import { describe, expect, it } from 'vitest';
import {
  computeDueDate,
  CALENDAR_DAYS,
  daysBetween,
  localDate,
  weekday,
} from '../../../shared/domain/deadlines';
import { OPEN_STATUSES } from '../../../shared/domain/status';
import { generateSeedCases, type SeedCase } from '../../../main/services/seed/generate';
import { registeredRow, replayStory } from '../../../main/services/seed/seed-replay';
import type { CaseRow } from '../../../db/schema';
import { isValidResidentId, residentIdCheckDigit } from '../../../shared/domain/registration-rules';
import { createRandom } from '../../../main/services/seed/random';
import { SCENARIOS } from '../../../main/services/seed/scenarios';
import { defaultTaxonomyEntries } from '../../../db/repos/taxonomy.repo';

const TAXONOMY = defaultTaxonomyEntries();

function generate(
  count: number,
  seed: string | number,
  from = '2025-01-01',
  to = '2025-12-31',
  extra: { notAfter?: number; spike?: boolean } = {},
): SeedCase[] {
  return [...generateSeedCases({ count, seed, from, to, taxonomy: TAXONOMY, ...extra })];
}

/** Where each case ends up: its story played through the lifecycle rules, written nowhere. */
const ONE_ADMIN = { pick: () => ({ userId: 'admin', role: 'admin' as const, displayName: '王管理' }) };
function finalRows(cases: readonly SeedCase[]): CaseRow[] {
  return cases.map((c) =>
    replayStory(c, registeredRow(c, 'admin'), { staff: ONE_ADMIN, rule: CALENDAR_DAYS }, null),
  );
}

describe('seeded random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('resident ID numbers', () => {
  it('computes the GB 11643 check digit (the standard example ends in X)', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });
});

describe('generateSeedCases', () => {
  const seeded = generate(3_000, 7);
  const cases = seeded.map((c) => c.row);
  const ended = finalRows(seeded);

  it('gives identical cases for the same seed and different ones for another seed', () => {
    const again = generate(3_000, 7);
    expect(again).toEqual(seeded);
    const other = generate(3_000, 8);
    expect(other.map((c) => c.row.complainantName)).not.toEqual(cases.map((c) => c.complainantName));
  });

  it('yields exactly the requested count, in order of receipt, inside the range', () => {
    expect(cases).toHaveLength(3_000);
    for (let i = 1; i < cases.length; i++)
      expect(cases[i]!.receivedAt).toBeGreaterThanOrEqual(cases[i - 1]!.receivedAt);
    for (const c of cases) {
      expect(c.receivedDate >= '2025-01-01' && c.receivedDate <= '2025-12-31').toBe(true);
      // The local day of the instant on the branch calendar is the recorded day.
      expect(localDate(c.receivedAt, 'Asia/Shanghai')).toBe(c.receivedDate);
    }
  });

  it('writes valid resident ID numbers, mobile numbers and Chinese narratives', () => {
    for (const c of cases) {
      expect(isValidResidentId(c.complainantIdNumber!)).toBe(true);
      expect(c.complainantPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(c.requestText).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(c.requestText).not.toMatch(/\{\w+\}/);
      expect(c.factsText).not.toMatch(/\{\w+\}/);
    }
  });

  it('keeps statuses and dates consistent with the age of the case', () => {
    for (const c of ended) {
      const age = daysBetween(c.receivedDate, '2025-12-31');
      const isOpen = OPEN_STATUSES.includes(c.status!) && c.status !== 'review_requested';
      expect(c.dueDate).toBe(
        computeDueDate({
          receivedDate: c.receivedDate,
          limitDays: c.limitDays!,
          pausedDays: c.pausedDays!,
          rule: CALENDAR_DAYS,
        }),
      );
      if (isOpen) {
        expect(c.decidedDate).toBeNull();
        expect(c.closedDate).toBeNull();
        expect(age).toBeLessThanOrEqual(100);
      } else if (c.status === 'withdrawn') {
        // A withdrawal ends the procedure without a decision (shared/domain/lifecycle.ts).
        expect(c.decidedDate).toBeNull();
        expect(c.closedDate! >= c.receivedDate).toBe(true);
      } else {
        expect(c.decidedDate).not.toBeNull();
        expect(c.decidedDate! <= '2025-12-31').toBe(true);
        expect(c.decidedDate! >= c.receivedDate).toBe(true);
      }
      if (c.status === 'archived' || c.status === 'closed') {
        expect(c.closedDate).not.toBeNull();
        if (c.status === 'archived') {
          expect(c.informedDate).not.toBeNull();
          expect(c.resolutionType).not.toBeNull();
          expect(c.satisfaction).not.toBeNull();
        }
      }
      if (c.decidedDate && c.status !== 'withdrawn') expect(c.isOnTime).toBe(c.decidedDate <= c.dueDate!);
      if (age > 200) expect(['archived', 'closed', 'rejected', 'withdrawn']).toContain(c.status);
      if (age <= 1) expect(c.status).not.toBe('archived');
    }
  });

  it('has the mix an archive has: mostly archived, some open, overdue, extended and repeat cases', () => {
    const count = (predicate: (c: CaseRow) => boolean) => ended.filter(predicate).length;
    expect(count((c) => c.status === 'archived')).toBeGreaterThan(cases.length / 2);
    expect(count((c) => OPEN_STATUSES.includes(c.status!))).toBeGreaterThan(10);
    expect(count((c) => OPEN_STATUSES.includes(c.status!) && c.dueDate! < '2025-12-31')).toBeGreaterThan(0);
    expect(count((c) => c.limitDays !== 15)).toBeGreaterThan(cases.length / 20);
    const repeats = cases.filter((c) => c.riskRepeat);
    expect(repeats.length).toBeGreaterThan(cases.length / 50);
    const firstSeen = new Map<string, number>();
    cases.forEach(
      (c, i) => firstSeen.has(c.complainantIdNumber!) || firstSeen.set(c.complainantIdNumber!, i),
    );
    for (const repeat of repeats)
      expect(firstSeen.get(repeat.complainantIdNumber!)).toBeLessThan(cases.indexOf(repeat));
  });

  it('follows the week: more complaints on Mondays than on Sundays', () => {
    const mondays = cases.filter((c) => weekday(c.receivedDate) === 1).length;
    const sundays = cases.filter((c) => weekday(c.receivedDate) === 7).length;
    expect(mondays).toBeGreaterThan(sundays * 2);
  });

  it('resolves classification codes from the shipped taxonomy by name', () => {
    const byCode = new Map(TAXONOMY.map((t) => [`${t.scheme}:${t.code}`, t]));
    for (const c of cases) {
      expect(byCode.has(`A:${c.channelCode}`)).toBe(true);
      expect(byCode.has(`B:${c.businessCode}`)).toBe(true);
      expect(byCode.has(`C:${c.causeCode}`)).toBe(true);
      if (c.insuranceCategoryCode) expect(byCode.has(`INS:${c.insuranceCategoryCode}`)).toBe(true);
    }
    expect(
      cases.some(
        (c) => byCode.get(`B:${c.businessCode}`)?.nameZh === '信用卡' && c.productName?.includes('信用卡'),
      ),
    ).toBe(true);
    expect(cases.some((c) => byCode.get(`INS:${c.insuranceCategoryCode}`)?.nameZh === '拒赔')).toBe(true);
  });

  it('names only classes that exist in the shipped taxonomy (no silent fallback to 其他)', () => {
    const names = (scheme: string) =>
      new Set(TAXONOMY.filter((t) => t.scheme === scheme).map((t) => t.nameZh));
    for (const scenario of SCENARIOS) {
      for (const name of scenario.business) expect(names('B'), `${scenario.key} ${name}`).toContain(name);
      for (const name of scenario.causes) expect(names('C'), `${scenario.key} ${name}`).toContain(name);
      for (const name of scenario.channels) expect(names('A'), `${scenario.key} ${name}`).toContain(name);
      for (const name of scenario.insurance?.categories ?? [])
        expect(names('INS'), `${scenario.key} ${name}`).toContain(name);
      for (const name of scenario.insurance?.line ?? [])
        expect(names('INS_LINE'), `${scenario.key} ${name}`).toContain(name);
    }
  });
});

describe('the clock ceiling and the planted spike', () => {
  // 2025-12-31 (a Wednesday) at 12:00 in Asia/Shanghai.
  const noon = Date.UTC(2025, 11, 31, 4, 0, 0);
  const seeded = generate(2_000, 9, '2025-01-01', '2025-12-31', { notAfter: noon });

  it('receives nothing and does nothing after the ceiling, and each story is in order', () => {
    for (const c of seeded) {
      expect(c.row.receivedAt).toBeLessThanOrEqual(noon);
      let last = c.row.receivedAt;
      for (const step of c.story) {
        expect(step.at).toBeGreaterThan(last);
        last = step.at;
      }
      expect(last).toBeLessThanOrEqual(noon);
    }
    // The last day has its morning's share of cases, not a whole day's.
    const lastDay = seeded.filter((c) => c.row.receivedDate === '2025-12-31').length;
    const dayBefore = seeded.filter((c) => c.row.receivedDate === '2025-12-30').length;
    expect(lastDay).toBeGreaterThan(0);
    expect(lastDay).toBeLessThan(dayBefore);
  });

  it('by default ends the day at close of business on `to`', () => {
    const closes = Date.UTC(2025, 11, 31, 10, 30, 0);
    for (const c of generate(500, 9)) {
      expect(c.row.receivedAt).toBeLessThanOrEqual(closes);
      for (const step of c.story) expect(step.at).toBeLessThanOrEqual(closes);
    }
  });

  it('plants the wave in the last three weeks, rising to the current one, and not when asked not to', () => {
    const spikeIn = (cases: SeedCase[], from: string, to: string) =>
      cases.filter((c) => c.isSpike && c.row.receivedDate >= from && c.row.receivedDate <= to).length;
    const current = spikeIn(seeded, '2025-12-29', '2025-12-31');
    const before = spikeIn(seeded, '2025-12-22', '2025-12-28');
    expect(current).toBeGreaterThanOrEqual(8);
    expect(before).toBeLessThan(current);
    expect(spikeIn(seeded, '2025-01-01', '2025-12-14')).toBe(0);
    expect(seeded).toHaveLength(2_000);
    const plain = generate(2_000, 9, '2025-01-01', '2025-12-31', { notAfter: noon, spike: false });
    expect(plain.filter((c) => c.isSpike)).toEqual([]);
    expect(plain).toHaveLength(2_000);
  });
});
