import type { Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { AppError, isAppError } from '../../../shared/errors';
import type { RawRow } from './csv-parser';
import { importFileError, unreadableFileError } from './import-errors';

/**
 * Rows of one sheet through exceljs's streaming reader: shared strings are cached (they are one
 * table per workbook), rows are never kept. Dates become `YYYY-MM-DD` (exceljs gives UTC midnight
 * for date-only cells), numbers their plain text, rich text its characters.
 */
export async function* readXlsxRows(
  stream: Readable,
  sheetName: string | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<RawRow> {
  // exceljs is loaded when a workbook is read, not when the import module loads (CLI start-up).
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell a date cell from a number
    entries: 'emit',
  });
  const seen: string[] = [];
  let isFound = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      const isWanted = !isFound && (sheetName === undefined || name === sheetName);
      for await (const row of worksheet) {
        if (!isWanted) continue; // the rest of an unwanted sheet must still be drained
        if (signal?.aborted) throw new AppError('CANCELLED', 'import cancelled while reading');
        yield { rowNumber: row.number, cells: rowCells(row.values) };
      }
      if (isWanted) isFound = true;
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    if (error instanceof RangeError) throw unreadableFileError(error);
    throw importFileError('unreadable_xlsx', {}, error);
  }
  if (!isFound) throw importFileError('sheet_not_found', { sheet: sheetName ?? '', sheets: seen.join(', ') });
}

/** exceljs row values are 1-based and sparse. */
function rowCells(values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>): string[] {
  const list = Array.isArray(values) ? values : Object.values(values);
  const cells: string[] = [];
  for (let i = 1; i < list.length; i++) cells.push(cellText(list[i]));
  return cells;
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
