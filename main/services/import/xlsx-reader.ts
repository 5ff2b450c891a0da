import { PassThrough, type Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { AppError, isAppError } from '../../../shared/errors';
import type { RawRow } from './csv-parser';
import { importFileError, unreadableFileError } from './import-errors';

/**
 * Rows of one sheet through exceljs's streaming reader: shared strings are cached (they are one
 * table per workbook), rows are never kept. Dates become `YYYY-MM-DD` (exceljs gives UTC midnight
 * for date-only cells), numbers their plain text, rich text its characters. Every sheet is read to
 * the end of the file, the unwanted ones drained: the import hashes all the bytes it read.
 */
export async function* readXlsxRows(
  stream: Readable,
  sheetName: string | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<RawRow> {
  // exceljs is loaded when a workbook is read, not when the import module loads (CLI start-up).
  const { default: excel } = await import('exceljs');
  const feed = new ZipFeed();
  stream.on('error', (error) => feed.destroy(error));
  const reader = new excel.stream.xlsx.WorkbookReader(stream.pipe(feed), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell a date cell from a number
    entries: 'emit',
  });
  let isFound = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
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
    // A sheet the workbook part does not list is the user's mistake, whatever else is wrong with the file.
    if (!isFound && isMissing(sheetName, sheetNames(reader)))
      throw sheetNotFound(sheetName, sheetNames(reader));
    throw importFileError('unreadable_xlsx', {}, error);
  }
  if (!isFound) throw sheetNotFound(sheetName, sheetNames(reader));
}

/**
 * The sheets the workbook part (xl/workbook.xml) lists, in its order; null before exceljs has read
 * that part (it comes last in a file exceljs wrote) or when the file has none.
 */
function sheetNames(reader: object): string[] | null {
  const sheets = (reader as { model?: { sheets?: { name: string }[] } }).model?.sheets;
  return sheets ? sheets.map((sheet) => sheet.name) : null;
}

function isMissing(sheetName: string | undefined, names: string[] | null): boolean {
  return sheetName !== undefined && names !== null && !names.includes(sheetName);
}

function sheetNotFound(sheetName: string | undefined, names: string[] | null): AppError {
  return importFileError('sheet_not_found', { sheet: sheetName ?? '', sheets: (names ?? []).join(', ') });
}

/**
 * The file's bytes on their way into exceljs's unzip stream, which it lets end only when it really
 * has. unzipper's Parse emits 'end' as soon as it has parsed the file's last byte, while parts it
 * has already pushed may still wait in its readable buffer; exceljs's reader stops at that first
 * 'end' and never sees them. Whether it loses any depends on timing (a loaded machine, parts
 * stored uncompressed); what it loses first is xl/workbook.xml, which exceljs writes last, and the
 * reader then threw "Cannot read properties of undefined (reading 'sheets')" (exceljs issue 3064)
 * on a good file, reported as unreadable. Only the readable side's own 'end', emitted once its
 * buffer is empty, is let through.
 */
class ZipFeed extends PassThrough {
  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    const zip = destination as unknown as Readable;
    const emit = zip.emit.bind(zip) as (event: string | symbol, ...args: unknown[]) => boolean;
    zip.emit = ((event: string | symbol, ...args: unknown[]) =>
      event === 'end' && !zip.readableEnded ? false : emit(event, ...args)) as typeof zip.emit;
    return super.pipe(destination, options);
  }
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
