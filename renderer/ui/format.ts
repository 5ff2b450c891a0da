/**
 * Display formatting shared by the grid, the detail screen and the print sheet. Pure functions:
 * days are shown on the branch calendar (Asia/Shanghai unless told), money is integer fen.
 */
import { addDays, DEFAULT_TIME_ZONE } from '../../shared/domain/deadlines';
import { formatLocalDateTime as formatZonedDateTime, zonedParts } from '../../shared/domain/zoned-time';

/**
 * The open archive's time zone (an archive setting, Asia/Shanghai unless changed). One archive is
 * open per window, so the shell sets it from the session state and every formatter here defaults to
 * it: date inputs and grid cells then count days exactly as the services do (`today(ctx)` uses the
 * same setting). The browser's own zone is never used for a calendar day.
 */
let branchTimeZone = DEFAULT_TIME_ZONE;

export function setBranchTimeZone(timeZone: string): void {
  branchTimeZone = timeZone;
}

/** Grouping for whole yuan; one formatter, since building one costs far more than using it (grid cells). */
const yuanGrouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 123456 fen → "¥1,234.56". */
export function formatAmountFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const yuan = Math.floor(absolute / 100);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}¥${yuanGrouping.format(yuan)}.${cents}`;
}

/** The one yuan → fen parser (shared with the services and the import). */
export { parseYuanToFen } from '../../shared/domain/registration-rules';

/** Epoch ms → "2026-11-23" on the branch calendar. */
export function formatLocalDate(epochMs: number, timeZone = branchTimeZone): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today on the branch calendar, for date inputs' defaults and limits (the browser's own zone may differ). */
export function branchToday(): string {
  return formatLocalDate(Date.now(), branchTimeZone);
}

/** Epoch ms → "2026-11-23 14:05" on the branch calendar. */
export function formatLocalDateTime(epochMs: number, timeZone = branchTimeZone): string {
  return formatZonedDateTime(epochMs, timeZone);
}

/** Monday..Sunday of the week that holds `date` (YYYY-MM-DD). */
export function weekOf(date: string): { from: string; to: string } {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const sinceMonday = (weekday + 6) % 7;
  const from = addDays(date, -sinceMonday);
  return { from, to: addDays(from, 6) };
}
