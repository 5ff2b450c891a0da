import fs from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import type { ServiceContext } from '../context';
import { EXPORT_COLUMNS, exportHeaders, type Cell } from './case-rows';
import { runExport, type ExportOptions, type ExportResult } from './export-run';

/**
 * CSV: UTF-8 with a byte-order mark (Excel on Chinese Windows reads BOM-less UTF-8 as GBK) and
 * formula injection neutralised: a cell starting with = + - @ (or tab / carriage return) is
 * prefixed with an apostrophe, so a complainant named `=HYPERLINK(...)` stays text in Excel.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(
  cell: Cell,
  kind: (typeof EXPORT_COLUMNS)[number]['kind'],
  yes: string,
  no: string,
): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return kind === 'datetime' ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
  }
  if (typeof cell === 'boolean') return cell ? yes : no;
  if (typeof cell === 'number') return kind === 'money' ? cell.toFixed(2) : String(cell);
  return neutraliseCell(cell);
}

export function exportCsv(ctx: ServiceContext, options: ExportOptions): Promise<ExportResult> {
  return runExport(ctx, 'csv', options, async (job) => {
    const file = fs.createWriteStream(options.filePath);
    file.write('\ufeff');
    const csv = stringify({ bom: false });
    csv.pipe(file);
    const { yes, no } = analyticsMessages[options.locale];
    csv.write(exportHeaders(options.locale).map(neutraliseCell));
    let count = 0;
    try {
      for await (const page of job.rows()) {
        for (const row of page) {
          if (!csv.write(row.map((cell, i) => csvCell(cell, EXPORT_COLUMNS[i]!.kind, yes, no))))
            await once(csv, 'drain');
        }
        count += page.length;
      }
    } finally {
      csv.end();
      await once(file, 'close');
    }
    return count;
  });
}
