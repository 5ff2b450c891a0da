import type { DateFormat } from '../../../shared/domain/import';

/** A day on the branch calendar, with the time of day when the cell had one. */
export interface ParsedDate {
  date: string; // YYYY-MM-DD
  secondsOfDay: number | null;
}

export type DateResult =
  { ok: true; value: ParsedDate } | { ok: false; problem: 'invalid_date' | 'nonexistent_date' };

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const YMD = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const YMD_CN = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SERIAL = /^\d{1,6}(?:\.\d+)?$/;
/** Excel's day 0 in the 1900 system, after its fictitious 29 February 1900. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Reads a date cell. Formats: ISO (`2013-08-30`, with an optional time), `YYYY/MM/DD`,
 * `YYYY年M月D日`, `M/D/YYYY` (mdy), `D/M/YYYY` (dmy) and Excel serial day numbers. `auto` tries
 * them in that order; an `a/b/YYYY` cell is read as M/D unless `a` is over 12. A well-formed date
 * that is not in the calendar (2023-02-30) is `nonexistent_date`, never rolled into March.
 */
export function parseDate(text: string, format: DateFormat): DateResult {
  const value = text.trim();
  switch (format) {
    case 'iso':
      return fromMatch(ISO.exec(value), [1, 2, 3]);
    case 'ymd':
      return fromMatch(YMD.exec(value) ?? YMD_CN.exec(value) ?? ISO.exec(value), [1, 2, 3]);
    case 'mdy':
      return fromMatch(SLASHED.exec(value), [3, 1, 2]);
    case 'dmy':
      return fromMatch(SLASHED.exec(value), [3, 2, 1]);
    case 'excel':
      return fromSerial(value);
    case 'auto':
      return parseAuto(value);
    default: {
      const unreachable: never = format;
      throw new Error(`unknown date format ${String(unreachable)}`);
    }
  }
}

function parseAuto(value: string): DateResult {
  const ymd = ISO.exec(value) ?? YMD.exec(value) ?? YMD_CN.exec(value);
  if (ymd) return fromMatch(ymd, [1, 2, 3]);
  const slashed = SLASHED.exec(value);
  if (slashed) return fromMatch(slashed, Number(slashed[1]) > 12 ? [3, 2, 1] : [3, 1, 2]);
  return fromSerial(value);
}

function fromMatch(match: RegExpExecArray | null, order: [number, number, number]): DateResult {
  if (!match) return { ok: false, problem: 'invalid_date' };
  const year = Number(match[order[0]]);
  const month = Number(match[order[1]]);
  const day = Number(match[order[2]]);
  if (!isRealDate(year, month, day)) return { ok: false, problem: 'nonexistent_date' };
  const hasTime = match[4] !== undefined && match[5] !== undefined;
  const hours = Number(match[4] ?? 0);
  const minutes = Number(match[5] ?? 0);
  const seconds = Number(match[6] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, problem: 'invalid_date' };
  return {
    ok: true,
    value: {
      date: isoDay(year, month, day),
      secondsOfDay: hasTime ? hours * 3600 + minutes * 60 + seconds : null,
    },
  };
}

function fromSerial(value: string): DateResult {
  if (!SERIAL.test(value)) return { ok: false, problem: 'invalid_date' };
  const serial = Number(value);
  // 1 (1900-01-01) … 2958465 (9999-12-31); serials below 61 fall before Excel's phantom leap day.
  if (serial < 61 || serial > 2_958_465) return { ok: false, problem: 'invalid_date' };
  const whole = Math.floor(serial);
  const day = new Date(EXCEL_EPOCH_MS + whole * 86_400_000);
  const fraction = serial - whole;
  return {
    ok: true,
    value: {
      date: day.toISOString().slice(0, 10),
      secondsOfDay: fraction > 0 ? Math.round(fraction * 86_400) % 86_400 : null,
    },
  };
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO day plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export { localInstant } from '../../../shared/domain/zoned-time';
