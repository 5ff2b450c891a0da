import { formatLocalDateTime } from '../../shared/domain/zoned-time';
import type { CliIo } from './io';

/** Terminal columns a character takes: CJK and full-width forms take two. */
function charWidth(code: number): number {
  const isWide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return isWide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Cuts text to `max` columns, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let result = '';
  for (const char of text) {
    if (displayWidth(result + char) > max - 1) break;
    result += char;
  }
  return `${result}…`;
}

/** A plain-text table aligned for CJK text; cells are single-line. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const clean = (cell: string) => cell.replace(/\s+/g, ' ');
  const body = rows.map((row) => row.map(clean));
  const widths = headers.map((header, i) =>
    Math.max(displayWidth(header), ...body.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => padEnd(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

/** `label: value` lines, labels aligned. */
export function formatFields(fields: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...fields.map(([label]) => displayWidth(label)));
  return fields.map(([label, value]) => `${padEnd(label, width)}  ${value}`);
}

export function printJson(io: CliIo, data: unknown): void {
  io.out(JSON.stringify(data, null, 2));
}

/**
 * A time as the reader's calendar shows it (`2026-12-07 00:30`): the archive's zone, or China time
 * for head office. Never UTC: after 16:00 UTC it would print yesterday's date in Beijing.
 */
export function cliTime(ms: number | null, never: string, timeZone: string): string {
  return ms === null ? never : formatLocalDateTime(ms, timeZone);
}
