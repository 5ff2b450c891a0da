import { asc, eq } from 'drizzle-orm';
import type { CalendarRule } from '../../shared/domain/deadlines';
import { holidays } from '../schema';
import type { Queryable } from '../open';

export type { Queryable };

export type CalendarMode = CalendarRule['mode'];

export interface Holiday {
  date: string; // YYYY-MM-DD
  name: string;
  /** true for a make-up working day (调休) that falls on a weekend. */
  isWorkday: boolean;
}

export function listHolidays(db: Queryable, range?: { from?: string; to?: string }): Holiday[] {
  const rows = db.select().from(holidays).orderBy(asc(holidays.date)).all();
  return rows.filter((r) => (!range?.from || r.date >= range.from) && (!range?.to || r.date <= range.to));
}

/** Adds or replaces the entry for one date. */
export function setHoliday(db: Queryable, holiday: Holiday): void {
  db.insert(holidays)
    .values(holiday)
    .onConflictDoUpdate({ target: holidays.date, set: { name: holiday.name, isWorkday: holiday.isWorkday } })
    .run();
}

/** Returns whether there was an entry to remove. */
export function removeHoliday(db: Queryable, date: string): boolean {
  return db.delete(holidays).where(eq(holidays.date, date)).run().changes > 0;
}

/**
 * The rule deadlines are counted by. Calendar mode ignores the table; working mode loads it whole
 * (a few dozen rows per year), so the arithmetic itself stays pure.
 */
export function calendarRule(db: Queryable, mode: CalendarMode): CalendarRule {
  if (mode === 'calendar') return { mode: 'calendar' };
  const map = new Map<string, boolean>();
  for (const row of db.select().from(holidays).all()) map.set(row.date, row.isWorkday);
  return { mode: 'working', holidays: map };
}
