import type { Random } from './random';

/**
 * Times of day for the seed, on the branch calendar (China Standard Time: UTC+8, no daylight
 * saving since 1991), under a clock ceiling: nothing the seed writes happens after "now".
 */
export const BRANCH_UTC_OFFSET_MS = 8 * 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Office hours 08:30–18:30. */
export const OPENS_MS = 8.5 * HOUR;
export const CLOSES_MS = 18.5 * HOUR;

export function dayStartUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - BRANCH_UTC_OFFSET_MS;
}

/** The default ceiling when the caller names none: close of business on `date`. */
export function closeOfBusiness(date: string): number {
  return dayStartUtc(date) + CLOSES_MS;
}

/** The share of `date`'s office hours that lies before `ceiling` (1 for a day already over). */
export function openShareBefore(date: string, ceiling: number): number {
  const opens = dayStartUtc(date) + OPENS_MS;
  return Math.min(1, Math.max(0, (ceiling - opens) / (CLOSES_MS - OPENS_MS)));
}

/**
 * A moment on `date` strictly after `after` and not after `ceiling`: in office hours when they
 * leave room, else later that evening; `null` when the day has no room left before the ceiling.
 * It is drawn early in the room left, so further steps on the same day still fit.
 */
export function momentOn(random: Random, date: string, after: number, ceiling: number): number | null {
  const start = dayStartUtc(date);
  const last = Math.min(start + DAY - 1, ceiling);
  const earliest = Math.max(after + 1, start);
  if (earliest > last) return null;
  const from = Math.max(earliest, Math.min(start + OPENS_MS, last));
  const to = Math.min(last, Math.max(from, start + CLOSES_MS));
  return Math.floor(from + random.next() * 0.3 * (to - from));
}
