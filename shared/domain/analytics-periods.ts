import type { Granularity } from './analytics';

/**
 * Period arithmetic on local YYYY-MM-DD dates (already on the branch calendar, so no time zone is
 * involved: the Date objects here are only used as UTC calendars). Must agree with the SQL in
 * db/queries/analytics/common.ts `periodStartSql`; a test checks both on every day of two years.
 */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addMonthsIso(firstOfMonth: string, months: number): string {
  const d = new Date(`${firstOfMonth}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function periodStart(date: string, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return date;
    case 'week': {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
      return addDaysIso(date, -((weekday + 6) % 7));
    }
    case 'month':
      return `${date.slice(0, 8)}01`;
    case 'quarter': {
      const month = Number(date.slice(5, 7));
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return `${date.slice(0, 5)}${String(first).padStart(2, '0')}-01`;
    }
    default: {
      const unreachable: never = granularity;
      throw new Error(`unknown granularity ${String(unreachable)}`);
    }
  }
}

export function nextPeriodStart(start: string, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return addDaysIso(start, 1);
    case 'week':
      return addDaysIso(start, 7);
    case 'month':
      return addMonthsIso(start, 1);
    case 'quarter':
      return addMonthsIso(start, 3);
    default: {
      const unreachable: never = granularity;
      throw new Error(`unknown granularity ${String(unreachable)}`);
    }
  }
}

/** The last day of the period that starts on `start`. */
export function periodEnd(start: string, granularity: Granularity): string {
  return addDaysIso(nextPeriodStart(start, granularity), -1);
}

/** Every period start from the one containing `from` to the one containing `to`. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  for (let p = periodStart(from, granularity); p <= to; p = nextPeriodStart(p, granularity)) out.push(p);
  return out;
}

/**
 * The same period a year earlier. Weeks move back 52 weeks so they stay Monday-aligned; other
 * periods move back one calendar year (29 February becomes 1 March).
 */
export function previousYear(date: string, granularity: Granularity): string {
  if (granularity === 'week') return addDaysIso(date, -364);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

/** A period clipped to a range: what a drill-down into a (possibly partial) first or last bar selects. */
export function clipPeriod(
  start: string,
  granularity: Granularity,
  range: { from: string; to: string },
): { from: string; to: string } {
  const end = periodEnd(start, granularity);
  return { from: start > range.from ? start : range.from, to: end < range.to ? end : range.to };
}

/** The quarter (year, 1–4) containing a date and its first and last days. */
export function quarterOf(date: string): { year: number; quarter: number; from: string; to: string } {
  const from = periodStart(date, 'quarter');
  return {
    year: Number(from.slice(0, 4)),
    quarter: Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1,
    from,
    to: periodEnd(from, 'quarter'),
  };
}
