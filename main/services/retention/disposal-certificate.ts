import type { DisposalBatchView } from '../../../shared/domain/disposal';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { labelMessages } from '../../../shared/i18n/labels';
import { retentionMessages } from '../../../shared/i18n/retention';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { PdfPrinter } from '../reports/chromium-printer';
import {
  certificateHtml,
  certificateTime,
  printCertificate,
  type CertificateMeta,
} from '../reports/certificate-frame';
import { escapeHtml } from '../reports/report-html';
import { getDisposalBatch } from './disposal.service';

/**
 * The disposal certificate (销毁清单): the batch and every case in it — number, category, dates and
 * the digest of what was destroyed, never the destroyed data — in the archive's one certificate
 * frame (reports/certificate-frame.ts).
 */
export function disposalCertificateHtml(batch: DisposalBatchView, meta: CertificateMeta): string {
  const t = retentionMessages[meta.locale].certificate;
  const labels = labelMessages[meta.locale];
  const e = escapeHtml;
  const time = (epochMs: number | null) => certificateTime(epochMs, meta.timeZone);
  const rows = batch.items
    .map(
      (item, i) => `<tr><td>${i + 1}</td><td>${e(item.caseNo)}</td><td>${e(item.businessCode)}</td>
<td>${e(labels.retentionClasses[item.retentionClass])}</td><td>${e(item.closedDate)}</td>
<td>${e(item.retainUntil ?? t.none)}</td><td>${item.attachmentCount ?? t.none}</td>
<td class="hash">${e(item.destroyedSha256 ?? t.none)}</td></tr>`,
    )
    .join('\n');
  const c = t.columns;
  return certificateHtml({
    locale: meta.locale,
    title: t.title,
    orientation: 'landscape',
    // Eight columns across: the digests print smaller so case numbers keep to one line.
    style: 'td.hash { font-size: 7pt; }',
    none: t.none,
    facts: [
      [t.batch, batch.id],
      [t.kind, labels.disposalKinds[batch.kind]],
      [t.branch, meta.branchName],
      [t.reason, batch.reason],
      [t.proposedBy, batch.proposedByName],
      [t.proposedAt, time(batch.proposedAt)],
      [t.approvedBy, batch.decidedByName ?? ''],
      [t.approvedAt, time(batch.decidedAt)],
      [t.note, batch.decisionNote ?? ''],
      ['', interpolate(t.count, { count: batch.items.length })],
    ],
    bodyHtml: `<table><thead><tr><th>${e(c.index)}</th><th>${e(c.caseNo)}</th><th>${e(c.business)}</th><th>${e(c.retention)}</th>
<th>${e(c.closed)}</th><th>${e(c.retainUntil)}</th><th>${e(c.attachments)}</th><th>${e(c.digest)}</th></tr></thead>
<tbody>${rows}</tbody></table>
<p>${e(t.destroyed)}</p><p>${e(t.kept)}</p><p>${e(t.signatures)}</p>`,
  });
}

/** Writes the certificate of a carried-out batch to `filePath`; the print is recorded with the file's hash. */
export async function printDisposalCertificate(
  ctx: ServiceContext,
  input: { batchId: string; locale: Locale; filePath: string; printer?: PdfPrinter },
): Promise<{ sha256: string; bytes: number }> {
  const batch = getDisposalBatch(ctx, input.batchId);
  if (batch.status !== 'disposed') throw new AppError('CONFLICT', `batch ${batch.id} is ${batch.status}`);
  return printCertificate(
    ctx,
    { ...input, branchCode: batch.branchCode },
    (meta) => disposalCertificateHtml(batch, meta),
    { eventType: 'disposal.certificate_printed', payload: { batchId: batch.id } },
  );
}
