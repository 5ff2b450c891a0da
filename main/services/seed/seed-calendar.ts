import {
  addDays,
  CALENDAR_DAYS,
  computeDueDate,
  daysBetween,
  weekday,
  type CalendarRule,
} from '../../../shared/domain/deadlines';

/**
 * The shared deadline arithmetic, memoised for the seed. A million cases touch only a few thousand
 * distinct days, but each call of the shared functions parses and validates its date string; the
 * caches make date work negligible in the bulk path. One calendar per generator run (no module state).
 */
export interface SeedCalendar {
  plusDays(date: string, days: number): string;
  between(a: string, b: string): number;
  weekday(date: string): number;
  dueDate(receivedDate: string, limitDays: number, pausedDays: number): string;
}

const EPOCH = '1970-01-01';

/** `rule`: the archive's deadline rule (calendar days unless it counts working days). */
export function createSeedCalendar(rule: CalendarRule = CALENDAR_DAYS): SeedCalendar {
  const dayOf = new Map<string, number>();
  const dateOf = new Map<number, string>();
  const due = new Map<string, string>();
  const toDay = (date: string): number => {
    let day = dayOf.get(date);
    if (day === undefined) {
      day = daysBetween(EPOCH, date);
      dayOf.set(date, day);
      dateOf.set(day, date);
    }
    return day;
  };
  const fromDay = (day: number): string => {
    let date = dateOf.get(day);
    if (date === undefined) {
      date = addDays(EPOCH, day);
      dateOf.set(day, date);
      dayOf.set(date, day);
    }
    return date;
  };
  return {
    plusDays: (date, days) => fromDay(toDay(date) + days),
    between: (a, b) => toDay(b) - toDay(a),
    weekday: (date) => weekday(date),
    dueDate: (receivedDate, limitDays, pausedDays) => {
      const key = `${receivedDate}|${limitDays}|${pausedDays}`;
      let value = due.get(key);
      if (value === undefined) {
        value = computeDueDate({ receivedDate, limitDays, pausedDays, rule });
        due.set(key, value);
      }
      return value;
    },
  };
}
