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
