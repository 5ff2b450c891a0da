import { appendEvent } from '../../../db/repos/history.repo';
import { findBranch } from '../../../db/repos/settings.repo';
import type { DisposalBatchView } from '../../../shared/domain/disposal';
import { zonedParts } from '../../../shared/domain/zoned-time';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { labelMessages } from '../../../shared/i18n/labels';
import { retentionMessages } from '../../../shared/i18n/retention';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { PdfPrinter } from '../reports/chromium-printer';
import { printPdfFile } from '../reports/print-pdf';
import { PRINT_FONT_STACK, withEmbeddedFont } from '../reports/embedded-font';
import { escapeHtml } from '../reports/report-html';
import { getDisposalBatch } from './disposal.service';

/**
 * The disposal certificate (销毁清单): the batch and every case in it — number, category, dates and
 * the digest of what was destroyed, never the destroyed data — as a PDF with its CJK font inside.
 */
const STYLE = `
  @page { size: A4 landscape; margin: 15mm 12mm; }
  body { font-family: ${PRINT_FONT_STACK}; font-size: 10pt; color: #111; margin: 0; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 5mm; letter-spacing: 2px; }
  dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1mm 4mm; margin: 0 0 4mm; }
  dt { color: #444; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; }
  th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  td.digest { font-family: monospace; font-size: 7pt; word-break: break-all; }
  p { margin: 3mm 0 0; }
`;

export function when(epochMs: number | null, timeZone: string): string {
  if (epochMs === null) return '';
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function certificateHtml(
  batch: DisposalBatchView,
  meta: { locale: Locale; timeZone: string; branchName: string },
): string {
  const t = retentionMessages[meta.locale].certificate;
  const labels = labelMessages[meta.locale];
  const e = escapeHtml;
  const field = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${e(value || t.none)}</dd>`;
  const rows = batch.items
    .map(
      (item, i) => `<tr><td>${i + 1}</td><td>${e(item.caseNo)}</td><td>${e(item.businessCode)}</td>
<td>${e(labels.retentionClasses[item.retentionClass])}</td><td>${e(item.closedDate)}</td>
<td>${e(item.retainUntil ?? t.none)}</td><td>${item.attachmentCount ?? t.none}</td>
<td class="digest">${e(item.destroyedSha256 ?? t.none)}</td></tr>`,
    )
    .join('\n');
  const c = t.columns;
  return withEmbeddedFont(`<!doctype html><html lang="${meta.locale}"><head><meta charset="utf-8">
<title>${e(t.title)}</title><style>${STYLE}</style></head><body>
<h1>${e(t.title)}</h1>
<dl>${field(t.batch, batch.id)}${field(t.kind, labels.disposalKinds[batch.kind])}
${field(t.branch, meta.branchName)}${field(t.reason, batch.reason)}
${field(t.proposedBy, batch.proposedByName)}${field(t.proposedAt, when(batch.proposedAt, meta.timeZone))}
${field(t.approvedBy, batch.decidedByName ?? '')}${field(t.approvedAt, when(batch.decidedAt, meta.timeZone))}
${field(t.note, batch.decisionNote ?? '')}${field('', interpolate(t.count, { count: batch.items.length }))}</dl>
<table><thead><tr><th>${e(c.index)}</th><th>${e(c.caseNo)}</th><th>${e(c.business)}</th><th>${e(c.retention)}</th>
<th>${e(c.closed)}</th><th>${e(c.retainUntil)}</th><th>${e(c.attachments)}</th><th>${e(c.digest)}</th></tr></thead>
<tbody>${rows}</tbody></table>
<p>${e(t.destroyed)}</p><p>${e(t.kept)}</p><p>${e(t.signatures)}</p>
</body></html>`);
}

/** Writes the certificate of a carried-out batch to `filePath`; the print is recorded with the file's hash. */
export async function printDisposalCertificate(
  ctx: ServiceContext,
  input: { batchId: string; locale: Locale; filePath: string; printer?: PdfPrinter },
): Promise<{ sha256: string; bytes: number }> {
  const batch = getDisposalBatch(ctx, input.batchId);
  if (batch.status !== 'disposed') throw new AppError('CONFLICT', `batch ${batch.id} is ${batch.status}`);
  const branchName = findBranch(ctx.db, batch.branchCode)?.name ?? batch.branchCode;
  const html = certificateHtml(batch, { locale: input.locale, timeZone: ctx.clock.timeZone, branchName });
  const { sha256, bytes } = await printPdfFile(html, input.filePath, input.printer);
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: null,
      type: 'disposal.certificate_printed',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { batchId: batch.id, sha256 },
    });
  });
  return { sha256, bytes };
}
