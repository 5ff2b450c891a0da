import type { ServiceContext } from '../context';
import { exportCsv } from './csv-export';
import type { ExportFormat, ExportOptions, ExportResult } from './export-run';
import { exportPdf } from './pdf-export';
import type { PdfPrinter } from './chromium-printer';
import { exportXlsx } from './xlsx-export';

export { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportResult } from './export-run';

/** One entry point for every export format (IPC, command line, tests). */
export function exportReport(
  ctx: ServiceContext,
  format: ExportFormat,
  options: ExportOptions & { printer?: PdfPrinter },
): Promise<ExportResult> {
  switch (format) {
    case 'xlsx':
      return exportXlsx(ctx, options);
    case 'csv':
      return exportCsv(ctx, options);
    case 'pdf':
      return exportPdf(ctx, options);
    default: {
      const unreachable: never = format;
      throw new Error(`unknown export format ${String(unreachable)}`);
    }
  }
}
