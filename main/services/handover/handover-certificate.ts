import {
  HANDOVER_EVENT_TYPES,
  type HandoverSnapshot,
  type HandoverView,
} from '../../../shared/domain/handover';
import { handoverMessages } from '../../../shared/i18n/handover';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { labelMessages } from '../../../shared/i18n/labels';
import type { ServiceContext } from '../context';
import type { PdfPrinter } from '../reports/chromium-printer';
import {
  certificateHtml,
  certificateTime,
  printCertificate,
  type CertificateMeta,
} from '../reports/certificate-frame';
import { escapeHtml } from '../reports/report-html';
import { getHandover } from './handover.service';

/**
 * The handover certificate (移交清单): who handed the archive to whom and when, the cases by
 * status, every chain head and the archive's key and receipt state — as signed at acceptance (as
 * proposed, while it waits) — in the archive's one certificate frame (reports/certificate-frame.ts).
 */

function snapshotHtml(snapshot: HandoverSnapshot, meta: CertificateMeta): string {
  const t = handoverMessages[meta.locale];
  const c = t.certificate;
  const statuses = labelMessages[meta.locale].statuses as Record<string, string>;
  const e = escapeHtml;
  const caseRows = Object.entries(snapshot.casesByStatus)
    .map(
      ([status, count]) => `<tr><td>${e(statuses[status] ?? status)}</td><td class="num">${count}</td></tr>`,
    )
    .join('');
  const chainRows = snapshot.chainHeads
    .map(
      (h) =>
        `<tr><td class="hash">${e(h.installationId)}</td><td class="num">${h.seq}</td><td class="hash">${e(h.hash)}</td></tr>`,
    )
    .join('');
  return `<h2>${e(c.casesTitle)}</h2>
<table><tbody>${caseRows}<tr><th>${e(c.total)}</th><th class="num">${snapshot.totalCases}</th></tr></tbody></table>
<h2>${e(c.chainsTitle)}</h2>
<table><thead><tr><th>${e(c.installation)}</th><th>${e(c.seq)}</th><th>${e(c.hash)}</th></tr></thead><tbody>${chainRows}</tbody></table>
<h2>${e(c.integrityTitle)}</h2>
<dl><dt>${e(c.fingerprint)}</dt><dd>${e(snapshot.recoveryFingerprint)}</dd>
<dt>${e(c.keyFile)}</dt><dd>${e(t.keyFile[snapshot.keyFile])}</dd>
<dt>${e(c.receipt)}</dt><dd>${e(t.receipt[snapshot.receipt.status])}${snapshot.receipt.seq ? ` (#${snapshot.receipt.seq})` : ''}</dd></dl>
<p>${e(interpolate(c.stateAt, { when: certificateTime(snapshot.takenAt, meta.timeZone) }))}</p>`;
}

export function handoverCertificateHtml(handover: HandoverView, meta: CertificateMeta): string {
  const t = handoverMessages[meta.locale];
  const c = t.certificate;
  const person = (p: HandoverView['from']) => `${p.displayName} (${p.username})`;
  const time = (epochMs: number | null) => certificateTime(epochMs, meta.timeZone);
  return certificateHtml({
    locale: meta.locale,
    title: c.title,
    orientation: 'portrait',
    none: c.none,
    facts: [
      [c.id, handover.id],
      [c.branch, meta.branchName],
      [c.from, person(handover.from)],
      [c.to, person(handover.to)],
      [c.proposedAt, time(handover.proposedAt)],
      [c.decidedAt, time(handover.decidedAt)],
      [c.status, t.statuses[handover.status]],
      [c.note, handover.note],
      [c.decisionNote, handover.decisionNote ?? ''],
    ],
    bodyHtml: `${snapshotHtml(handover.accepted ?? handover.proposal, meta)}
${handover.status === 'accepted' ? `<p>${escapeHtml(c.signed)}</p>` : ''}
<p>${escapeHtml(c.signatures)}</p>`,
  });
}

/** Writes the certificate to `filePath`; the print is recorded with the file's hash. */
export async function printHandoverCertificate(
  ctx: ServiceContext,
  input: { handoverId: string; locale: Locale; filePath: string; printer?: PdfPrinter },
): Promise<{ sha256: string; bytes: number }> {
  const handover = getHandover(ctx, input.handoverId);
  return printCertificate(
    ctx,
    { ...input, branchCode: handover.branchCode },
    (meta) => handoverCertificateHtml(handover, meta),
    { eventType: HANDOVER_EVENT_TYPES.certificatePrinted, payload: { handoverId: handover.id } },
  );
}
