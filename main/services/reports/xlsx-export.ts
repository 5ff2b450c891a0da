import { analyticsMessages } from '../../../shared/i18n/analytics';
import { getDashboard } from '../analytics/analytics.service';
import type { ServiceContext } from '../context';
import { EXPORT_COLUMNS, exportHeaders, type CellKind } from './case-rows';
import { runExport, type ExportOptions, type ExportResult } from './export-run';
import { rectificationTable } from './rectification-table';
import { summaryTables, type SummaryTable } from './summary-tables';
import { XLSX_STYLE, XlsxWriter, type XlsxStyle } from './xlsx-writer';

const COLUMN_STYLES: Record<CellKind, XlsxStyle> = {
  text: XLSX_STYLE.none,
  date: XLSX_STYLE.date,
  datetime: XLSX_STYLE.datetime,
  money: XLSX_STYLE.money,
  bool: XLSX_STYLE.none,
};

/**
 * Excel export, streamed (xlsx-writer.ts): each page of rows is turned into sheet XML and
 * deflated into the file as soon as it is read, so memory stays flat however many cases there
 * are. Sheet 1 holds the filtered cases with real date cells; the following sheets the
 * dashboard's tables and the regulator's quarterly table.
 */
export function exportXlsx(ctx: ServiceContext, options: ExportOptions): Promise<ExportResult> {
  return runExport(ctx, 'xlsx', options, async (job) => {
    const m = analyticsMessages[options.locale];
    const book = new XlsxWriter(options.filePath, 'Redress');
    let count = 0;
    try {
      const sheet = await book.addSheet({
        name: m.sheets.cases,
        widths: EXPORT_COLUMNS.map((c) => c.width),
        styles: EXPORT_COLUMNS.map((c) => COLUMN_STYLES[c.kind]),
        freezeHeader: true,
      });
      sheet.addRow(exportHeaders(options.locale), XLSX_STYLE.bold);
      for await (const page of job.rows()) {
        for (const cells of page)
          sheet.addRow(cells.map((c) => (typeof c === 'boolean' ? (c ? m.yes : m.no) : c)));
        await sheet.flush();
        count += page.length;
      }
      await sheet.finish();
      // The dashboard's summary sheets (a grid export is the cases alone): from the fact cache when
      // the app already loaded it, else by SQL.
      if (options.scope !== 'grid') {
        const dashboard = getDashboard(ctx, job.request, { mayLoadCache: false });
        for (const table of summaryTables(ctx.db, dashboard, options.locale))
          await addTableSheet(book, table);
        await addTableSheet(book, rectificationTable(ctx, job.filter, options.locale));
      }
      await book.finish();
    } catch (error) {
      // Close the file handle; runExport deletes the partial file.
      await book.abandon();
      throw error;
    }
    return count;
  });
}

async function addTableSheet(book: XlsxWriter, table: SummaryTable): Promise<void> {
  const sheet = await book.addSheet({ name: table.sheetName, widths: table.headers.map(() => 18) });
  sheet.addRow([table.title]);
  sheet.addRow(table.headers, XLSX_STYLE.bold);
  for (const row of table.rows) sheet.addRow(row);
  await sheet.finish();
}
