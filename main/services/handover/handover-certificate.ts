import { appendEvent } from '../../../db/repos/history.repo';
import { findBranch } from '../../../db/repos/settings.repo';
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
import { PRINT_FONT_STACK, withEmbeddedFont } from '../reports/embedded-font';
import { printPdfFile } from '../reports/print-pdf';
import { escapeHtml } from '../reports/report-html';
import { when } from '../retention/disposal-certificate';
import { getHandover } from './handover.service';

/**
 * The handover certificate (移交清单): who handed the archive to whom and when, the cases by
 * status, every chain head and the archive's key and receipt state — as signed at acceptance (as
 * proposed, while it waits) — as a PDF with its CJK font inside, printed through the one PDF path.
 */
const STYLE = `
  @page { size: A4; margin: 15mm 14mm; }
  body { font-family: ${PRINT_FONT_STACK}; font-size: 10pt; color: #111; margin: 0; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 5mm; letter-spacing: 2px; }
  h2 { font-size: 11pt; margin: 5mm 0 2mm; }
  dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1mm 4mm; margin: 0; }
  dt { color: #444; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; }
  th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  td.num { text-align: right; } td.hash { font-family: monospace; font-size: 7.5pt; word-break: break-all; }
  p { margin: 3mm 0 0; }
`;

type Meta = { locale: Locale; timeZone: string; branchName: string };

function snapshotHtml(snapshot: HandoverSnapshot, meta: Meta): string {
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
<p>${e(interpolate(c.stateAt, { when: when(snapshot.takenAt, meta.timeZone) }))}</p>`;
}

export function handoverCertificateHtml(handover: HandoverView, meta: Meta): string {
  const t = handoverMessages[meta.locale];
  const c = t.certificate;
  const e = escapeHtml;
  const field = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${e(value || c.none)}</dd>`;
  const person = (p: HandoverView['from']) => `${p.displayName} (${p.username})`;
  return withEmbeddedFont(`<!doctype html><html lang="${meta.locale}"><head><meta charset="utf-8">
<title>${e(c.title)}</title><style>${STYLE}</style></head><body>
<h1>${e(c.title)}</h1>
<dl>${field(c.id, handover.id)}${field(c.branch, meta.branchName)}
${field(c.from, person(handover.from))}${field(c.to, person(handover.to))}
${field(c.proposedAt, when(handover.proposedAt, meta.timeZone))}${field(c.decidedAt, when(handover.decidedAt, meta.timeZone))}
${field(c.status, t.statuses[handover.status])}${field(c.note, handover.note)}
${field(c.decisionNote, handover.decisionNote ?? '')}</dl>
${snapshotHtml(handover.accepted ?? handover.proposal, meta)}
${handover.status === 'accepted' ? `<p>${e(c.signed)}</p>` : ''}
<p>${e(c.signatures)}</p>
</body></html>`);
}

/** Writes the certificate to `filePath`; the print is recorded with the file's hash. */
export async function printHandoverCertificate(
  ctx: ServiceContext,
  input: { handoverId: string; locale: Locale; filePath: string; printer?: PdfPrinter },
): Promise<{ sha256: string; bytes: number }> {
  const handover = getHandover(ctx, input.handoverId);
  const branchName = findBranch(ctx.db, handover.branchCode)?.name ?? handover.branchCode;
  const html = handoverCertificateHtml(handover, {
    locale: input.locale,
    timeZone: ctx.clock.timeZone,
    branchName,
  });
  const { sha256, bytes } = await printPdfFile(html, input.filePath, input.printer);
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: null,
      type: HANDOVER_EVENT_TYPES.certificatePrinted,
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { handoverId: handover.id, sha256 },
    });
  });
  return { sha256, bytes };
}
