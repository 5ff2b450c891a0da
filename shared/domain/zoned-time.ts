/**
 * Wall-clock time in a time zone, for every layer (deadlines, import dates, report cells, the
 * renderer's formatting). Building an `Intl.DateTimeFormat` costs far more than using one, so one
 * formatter per zone is kept; the cache holds no user state and its entries are immutable.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export interface ZonedParts {
  /** Zero-padded: "2026", "01", "09" … as a YYYY-MM-DD HH:MM:SS string needs them. */
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** The wall-clock fields of an instant in `timeZone`. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: parts['year'] ?? '',
    month: parts['month'] ?? '',
    day: parts['day'] ?? '',
    hour: parts['hour'] ?? '',
    minute: parts['minute'] ?? '',
    second: parts['second'] ?? '',
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at an instant, in ms (+8 h for Beijing). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const offsetCache = new Map<string, number>();

/**
 * Epoch ms of a local day (plus seconds) in `timeZone`: the instant the branch calendar shows it.
 * The zone offset is looked up once per zone and day (a million rows span few distinct days).
 */
export function localInstant(date: string, secondsOfDay: number | null, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = zoneOffsetMs(Date.parse(`${date}T12:00:00Z`), timeZone);
    offsetCache.set(key, offset);
  }
  return Date.parse(`${date}T00:00:00Z`) + (secondsOfDay ?? 0) * 1000 - offset;
}

/** A datetime-local value (`2026-11-23T14:05`, wall clock in `timeZone`) → epoch ms; NaN if malformed. */
export function localDateTimeToEpoch(value: string, timeZone: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return Number.NaN;
  const [, date, hours, minutes, seconds] = match as unknown as [string, string, string, string, string?];
  return localInstant(date, Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0), timeZone);
}

/** Epoch ms → "2026-11-23 14:05" in `timeZone` (the screens' and the printed certificates' form). */
export function formatLocalDateTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
