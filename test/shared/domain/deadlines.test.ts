import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  CALENDAR_DAYS,
  computeDueDate,
  daysBetween,
  daysLeft,
  isDueSoon,
  isOverdue,
  isValidDate,
  isWithinReviewWindow,
  localDate,
  pausedDaysBetween,
  reviewWindowEnd,
  weekday,
  type CalendarRule,
} from '../../../shared/domain/deadlines';

/** 2026 National Day: Oct 1–7 off, Sep 27 (Sun) and Oct 10 (Sat) worked (调休). */
const NATIONAL_DAY: CalendarRule = {
  mode: 'working',
  holidays: new Map([
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, false] as const),
    ['2026-09-27', true],
    ['2026-10-10', true],
  ]),
};
const WEEKENDS_ONLY: CalendarRule = { mode: 'working', holidays: new Map() };

const dateArb = fc.integer({ min: 0, max: 365 * 40 }).map((n) => addDays('2000-01-01', n));

describe('local dates', () => {
  it('uses the branch zone, not UTC, around midnight', () => {
    // 2026-11-22T16:30Z is 00:30 on the 23rd in Beijing.
    expect(localDate(Date.UTC(2026, 10, 22, 16, 30), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDate(Date.UTC(2026, 10, 22, 15, 59, 59, 999), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localDate(Date.UTC(2026, 10, 22, 16, 30), 'UTC')).toBe('2026-11-22');
  });

  it('round-trips every day: local midnight and 23:59 in Shanghai map back to the same day', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const midnight = Date.UTC(y, m - 1, d) - 8 * 3_600_000; // Shanghai is UTC+8 all year (no DST)
        expect(localDate(midnight)).toBe(date);
        expect(localDate(midnight + 86_400_000 - 1)).toBe(date);
        expect(localDate(midnight - 1)).toBe(addDays(date, -1));
      }),
    );
  });

  it('validates real dates only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-01')).toBe(false);
  });
});

describe('day arithmetic', () => {
  it('adds days across month and year ends and knows weekdays', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-23', '2026-12-08')).toBe(15);
    expect(weekday('2026-11-23')).toBe(1); // a Monday
    expect(weekday('2026-11-29')).toBe(7);
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });
});

describe('computeDueDate', () => {
  it('counts calendar days from the day after receipt', () => {
    expect(
      computeDueDate({ receivedDate: '2026-11-23', limitDays: 15, pausedDays: 0, rule: CALENDAR_DAYS }),
    ).toBe('2026-12-08');
    expect(
      computeDueDate({ receivedDate: '2026-11-23', limitDays: 15, pausedDays: 4, rule: CALENDAR_DAYS }),
    ).toBe('2026-12-12');
  });

  it('skips weekends and holidays and counts make-up workdays in working mode', () => {
    // Received Fri 2026-09-25. Working days: Sat 26 no, Sun 27 yes (调休, 1), Mon 28 (2), Tue 29 (3),
    // Wed 30 (4), Oct 1–7 holiday, Thu 8 (5), Fri 9 (6), Sat 10 调休 (7), Mon 12 (8) … 15 → Tue 21.
    expect(addWorkingDays('2026-09-25', 8, NATIONAL_DAY)).toBe('2026-10-12');
    expect(
      computeDueDate({ receivedDate: '2026-09-25', limitDays: 15, pausedDays: 0, rule: NATIONAL_DAY }),
    ).toBe('2026-10-21');
    // Calendar mode ignores the holidays.
    expect(
      computeDueDate({ receivedDate: '2026-09-25', limitDays: 15, pausedDays: 0, rule: CALENDAR_DAYS }),
    ).toBe('2026-10-10');
  });

  it('rolls a paused due date forward to a working day', () => {
    // Mon 2026-11-23 + 15 working days = Mon 2026-12-14; + 5 calendar days = Sat 19 → Mon 21.
    expect(
      computeDueDate({ receivedDate: '2026-11-23', limitDays: 15, pausedDays: 5, rule: WEEKENDS_ONLY }),
    ).toBe('2026-12-21');
  });

  const input = fc.record({
    receivedDate: dateArb,
    limitDays: fc.constantFrom(15, 30, 60),
    pausedDays: fc.integer({ min: 0, max: 90 }),
  });
  const rules = fc.constantFrom(CALENDAR_DAYS, WEEKENDS_ONLY, NATIONAL_DAY);

  it('is monotonic in the limit and in the pauses, and never before receipt + limit', () => {
    fc.assert(
      fc.property(input, rules, (i, rule) => {
        const due = computeDueDate({ ...i, rule });
        expect(daysBetween(i.receivedDate, due)).toBeGreaterThanOrEqual(i.limitDays + i.pausedDays);
        // Strictly later on the calendar; in working mode two pause lengths may roll to the same Monday.
        const paused = computeDueDate({ ...i, pausedDays: i.pausedDays + 1, rule });
        expect(rule.mode === 'calendar' ? paused > due : paused >= due).toBe(true);
        if (i.limitDays < 60) {
          const longer = computeDueDate({ ...i, limitDays: i.limitDays === 15 ? 30 : 60, rule });
          expect(longer > due).toBe(true);
        }
      }),
    );
  });

  it('is never earlier in working mode than in calendar mode, and lands on a working day', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(WEEKENDS_ONLY, NATIONAL_DAY), (i, rule) => {
        const working = computeDueDate({ ...i, rule });
        expect(working >= computeDueDate({ ...i, rule: CALENDAR_DAYS })).toBe(true);
        const listed = rule.mode === 'working' ? rule.holidays.get(working) : undefined;
        expect(listed ?? weekday(working) <= 5).toBe(true);
      }),
    );
  });
});

describe('deadline state', () => {
  it('counts days left, overdue and due soon', () => {
    expect(daysLeft('2026-12-08', '2026-12-08')).toBe(0);
    expect(isOverdue('2026-12-08', '2026-12-08')).toBe(false);
    expect(isOverdue('2026-12-08', '2026-12-09')).toBe(true);
    expect(isDueSoon('2026-12-08', '2026-12-05')).toBe(true);
    expect(isDueSoon('2026-12-08', '2026-12-04')).toBe(false);
    expect(isDueSoon('2026-12-08', '2026-12-09')).toBe(false);
    expect(isDueSoon('2026-12-08', '2026-12-01', 7)).toBe(true);
  });

  it('counts paused days from the pause day up to the resume day', () => {
    expect(pausedDaysBetween('2026-11-10', '2026-11-10')).toBe(0);
    expect(pausedDaysBetween('2026-11-10', '2026-11-17')).toBe(7);
    expect(pausedDaysBetween('2026-11-17', '2026-11-10')).toBe(0);
  });

  it('keeps the review window open for 30 days after the decision was received', () => {
    expect(reviewWindowEnd('2026-11-23')).toBe('2026-12-23');
    expect(isWithinReviewWindow('2026-11-23', '2026-12-23')).toBe(true);
    expect(isWithinReviewWindow('2026-11-23', '2026-12-24')).toBe(false);
    expect(isWithinReviewWindow('2026-11-23', '2026-11-22')).toBe(false);
  });
});
