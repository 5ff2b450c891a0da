import ExcelJS from 'exceljs';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { getDashboard } from '../analytics.service';
import type { ServiceContext } from '../context';
import { EXPORT_COLUMNS, exportHeaders } from './case-rows';
import { runExport, type ExportOptions, type ExportResult } from './export-run';
import { summaryTables, type SummaryTable } from './summary-tables';

const NUMBER_FORMATS = {
  text: undefined,
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  bool: undefined,
} as const;

/**
 * Excel export with exceljs's streaming WorkbookWriter: each row is committed (written to the zip
 * stream and dropped) as soon as it is added, so memory stays flat however many cases there are.
 * Sheet 1 holds the filtered cases with real date cells; the following sheets the dashboard's
 * tables and the regulator's quarterly table.
 */
export function exportXlsx(ctx: ServiceContext, options: ExportOptions): Promise<ExportResult> {
  return runExport(ctx, 'xlsx', options, async (job) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: options.filePath,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = 'Redress';
    const m = analyticsMessages[options.locale];
    const sheet = workbook.addWorksheet(m.sheets.cases, { views: [{ state: 'frozen', ySplit: 1 }] });
    const headers = exportHeaders(options.locale);
    sheet.columns = EXPORT_COLUMNS.map((column, i) => ({
      header: headers[i],
      key: column.key,
      width: column.width,
      style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let count = 0;
    try {
      for await (const page of job.rows()) {
        for (const cells of page) {
          const row = sheet.addRow(cells.map((c) => (typeof c === 'boolean' ? (c ? m.yes : m.no) : c)));
          row.commit();
        }
        count += page.length;
      }
      sheet.commit();
      const dashboard = getDashboard(ctx, job.request);
      for (const table of summaryTables(ctx.db, dashboard, options.locale)) addTableSheet(workbook, table);
    } finally {
      // Always finish the zip so the file handle closes; runExport deletes it if we are failing.
      await workbook.commit();
    }
    return count;
  });
}

function addTableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: SummaryTable): void {
  const sheet = workbook.addWorksheet(table.sheetName);
  // A streamed sheet takes its column widths before the first row is written.
  sheet.columns = table.headers.map(() => ({ width: 18 }));
  sheet.addRow([table.title]).commit();
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) sheet.addRow(row).commit();
  sheet.commit();
}
