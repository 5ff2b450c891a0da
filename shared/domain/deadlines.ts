import { zonedParts } from './zoned-time';
/**
 * Deadline arithmetic (DOMAIN.md "Deadlines"). All dates are `YYYY-MM-DD` days on the branch's
 * local calendar. The arithmetic below treats such a string as a day number (days since
 * 1970-01-01) and never as an instant, so no time zone or DST shift can move a day; the only place
 * an instant becomes a day is `localDate`, which asks Intl for the branch's zone.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const MS_PER_DAY = 86_400_000;

/** Days counted on the calendar, or on working days (weekends and holidays skipped, 调休 counted). */
export type CalendarRule =
  | { mode: 'calendar' }
  | {
      mode: 'working';
      /** date → isWorkday: `false` for a holiday, `true` for a make-up working day (调休). */
      holidays: ReadonlyMap<string, boolean>;
    };

export const CALENDAR_DAYS: CalendarRule = { mode: 'calendar' };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day in `YYYY-MM-DD` form (rejects `2026-02-30`). */
export function isValidDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function toDayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match || !isValidDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

function fromDayNumber(day: number): string {
  // A day number is a whole UTC day, so reading it back in UTC is exact (no local zone involved).
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local calendar day of an instant in `timeZone` (never UTC: 00:30 in Beijing is that day). */
export function localDate(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `b - a` in days: positive when `b` is later. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO weekday 1 (Monday) … 7 (Sunday). 1970-01-01 was a Thursday. */
export function weekday(date: string): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWorkingDay(date: string, rule: CalendarRule): boolean {
  if (rule.mode === 'calendar') return true;
  const listed = rule.holidays.get(date);
  if (listed !== undefined) return listed;
  return weekday(date) <= 5;
}

/** The `count`-th working day after `date` (the day itself is not counted). */
export function addWorkingDays(date: string, count: number, rule: CalendarRule): string {
  if (rule.mode === 'calendar') return addDays(date, count);
  let day = toDayNumber(date);
  let remaining = count;
  // A holiday calendar never has more than a few weeks off in a row; the guard stops a bad calendar
  // (every day a holiday) from looping forever.
  for (let guard = 0; remaining > 0 && guard < count * 10 + 366; guard += 1) {
    day += 1;
    if (isWorkingDay(fromDayNumber(day), rule)) remaining -= 1;
  }
  return fromDayNumber(day);
}

export interface DueDateInput {
  receivedDate: string;
  limitDays: number;
  /** Calendar days the clock stood still (waiting for the customer's material). */
  pausedDays: number;
  rule: CalendarRule;
}

/**
 * The last day on which the decision is on time. The limit is counted from the day after receipt
 * (received 2026-11-23, 15 days → due 2026-12-08). In working mode the limit counts working days;
 * the pause, recorded in calendar days, then shifts the due date and rolls it forward to the next
 * working day, so a pause never shortens the time and working mode is never earlier than calendar
 * mode.
 */
export function computeDueDate(input: DueDateInput): string {
  const { receivedDate, limitDays, pausedDays, rule } = input;
  if (rule.mode === 'calendar') return addDays(receivedDate, limitDays + pausedDays);
  let due = addDays(addWorkingDays(receivedDate, limitDays, rule), pausedDays);
  for (let guard = 0; !isWorkingDay(due, rule) && guard < 366; guard += 1) due = addDays(due, 1);
  return due;
}

/** Days the clock stood still from the pause day up to (not including) the resume day. */
export function pausedDaysBetween(from: string, to: string): number {
  return Math.max(0, daysBetween(from, to));
}

/** Days until the due date: 0 on the due day, negative once overdue. */
export function daysLeft(dueDate: string, today: string): number {
  return daysBetween(today, dueDate);
}

export function isOverdue(dueDate: string, today: string): boolean {
  return daysLeft(dueDate, today) < 0;
}

export function isDueSoon(dueDate: string, today: string, withinDays = 3): boolean {
  const left = daysLeft(dueDate, today);
  return left >= 0 && left <= withinDays;
}

/** 核查: the customer may ask for a review within 30 days of receiving the decision. */
export const REVIEW_WINDOW_DAYS = 30;

export function reviewWindowEnd(informedDate: string): string {
  return addDays(informedDate, REVIEW_WINDOW_DAYS);
}

export function isWithinReviewWindow(informedDate: string, today: string): boolean {
  return today >= informedDate && today <= reviewWindowEnd(informedDate);
}
