import { auditMessages } from '../../../shared/i18n/audit';
import type { AuditQuery } from '../../../shared/domain/audit';
import type { Locale } from '../../../shared/i18n/define';
import { appendEvent } from '../../../db/repos/history.repo';
import type { ServiceContext } from '../context';
import { wallClock } from '../reports/case-rows';
import { XLSX_STYLE, XlsxWriter } from '../reports/xlsx-writer';
import { actionLabel, auditPages, requireAuditor } from './audit.service';

/** The filtered audit rows as an Excel sheet (streamed page by page); the export is itself audited. */
export async function exportAuditXlsx(
  ctx: ServiceContext,
  options: { query: AuditQuery; filePath: string; locale: Locale },
): Promise<{ rowCount: number }> {
  requireAuditor(ctx);
  const m = auditMessages[options.locale];
  const book = new XlsxWriter(options.filePath, 'Redress');
  let rowCount = 0;
  const local = wallClock(ctx.clock.timeZone);
  try {
    const sheet = await book.addSheet({
      name: m.sheet,
      widths: [20, 14, 24, 26, 12, 40],
      styles: [
        XLSX_STYLE.datetime,
        XLSX_STYLE.none,
        XLSX_STYLE.none,
        XLSX_STYLE.none,
        XLSX_STYLE.none,
        XLSX_STYLE.none,
      ],
      freezeHeader: true,
    });
    sheet.addRow(
      [
        m.columns.at,
        m.columns.user,
        m.columns.action,
        m.columns.caseNo,
        m.columns.terminal,
        m.columns.detail,
      ],
      XLSX_STYLE.bold,
    );
    for (const page of auditPages(ctx, options.query)) {
      for (const row of page)
        sheet.addRow([
          local(row.at),
          row.userName ?? row.userId ?? '',
          actionLabel(row.action, options.locale),
          row.caseNo ?? '',
          row.terminal,
          row.detail,
        ]);
      await sheet.flush();
      rowCount += page.length;
    }
    await sheet.finish();
    await book.finish();
  } catch (error) {
    await book.abandon();
    throw error;
  }
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: null,
      type: 'export.audit_xlsx',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { rowCount, query: options.query },
    });
  });
  return { rowCount };
}
