import { appendEvent } from '../../../db/repos/history.repo';
import { findBranch } from '../../../db/repos/settings.repo';
import { formatLocalDateTime } from '../../../shared/domain/zoned-time';
import type { Locale } from '../../../shared/i18n/define';
import type { ServiceContext } from '../context';
import type { PdfPrinter } from './chromium-printer';
import { PRINT_FONT_STACK, withEmbeddedFont } from './embedded-font';
import { printPdfFile } from './print-pdf';
import { escapeHtml } from './report-html';

/**
 * The frame of the archive's printed certificates (移交清单, 销毁清单): one A4 page style, a
 * title, a two-column list of facts, and the "print, hash, record" tail — the PDF's SHA-256 goes
 * into an archive event in the printer's name, so a paper copy can be matched to its record.
 */
const STYLE = `
  body { font-family: ${PRINT_FONT_STACK}; font-size: 10pt; color: #111; margin: 0; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 5mm; letter-spacing: 2px; }
  h2 { font-size: 11pt; margin: 5mm 0 2mm; }
  dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1mm 4mm; margin: 0 0 4mm; }
  dt { color: #444; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; }
  th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  td.num { text-align: right; }
  td.hash { font-family: monospace; font-size: 7.5pt; word-break: break-all; }
  p { margin: 3mm 0 0; }
`;

const PAGE_MARGINS = { portrait: '15mm 14mm', landscape: '15mm 12mm' } as const;

export interface CertificatePage {
  locale: Locale;
  title: string;
  orientation: keyof typeof PAGE_MARGINS;
  /** Label → value pairs shown under the title; an empty value reads `none`. */
  facts: readonly (readonly [label: string, value: string])[];
  none: string;
  /** The rest of the page, already escaped. */
  bodyHtml: string;
  /** Rules after the frame's own (a wide table's smaller digests). */
  style?: string;
}

/** "2026-11-23 14:05" in the archive's zone; '' for a step not taken yet. */
export function certificateTime(epochMs: number | null, timeZone: string): string {
  return epochMs === null ? '' : formatLocalDateTime(epochMs, timeZone);
}

export function certificateHtml(page: CertificatePage): string {
  const e = escapeHtml;
  const size = page.orientation === 'landscape' ? 'A4 landscape' : 'A4';
  const facts = page.facts
    .map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value || page.none)}</dd>`)
    .join('\n');
  return withEmbeddedFont(`<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8">
<title>${e(page.title)}</title><style>@page { size: ${size}; margin: ${PAGE_MARGINS[page.orientation]}; }
${STYLE}${page.style ?? ''}</style></head><body>
<h1>${e(page.title)}</h1>
<dl>${facts}</dl>
${page.bodyHtml}
</body></html>`);
}

/** What every certificate prints besides its own record: language, the archive's zone, the branch. */
export interface CertificateMeta {
  locale: Locale;
  timeZone: string;
  branchName: string;
}

/**
 * Prints the certificate `page` makes for `input.branchCode` to `filePath` and records the print
 * as the archive event `eventType` (no case) with `payload` plus the file's SHA-256.
 */
export async function printCertificate(
  ctx: ServiceContext,
  input: { branchCode: string; locale: Locale; filePath: string; printer?: PdfPrinter | undefined },
  page: (meta: CertificateMeta) => string,
  record: { eventType: string; payload: Record<string, unknown> },
): Promise<{ sha256: string; bytes: number }> {
  const branchName = findBranch(ctx.db, input.branchCode)?.name ?? input.branchCode;
  const html = page({ locale: input.locale, timeZone: ctx.clock.timeZone, branchName });
  const { sha256, bytes } = await printPdfFile(html, input.filePath, input.printer);
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: null,
      type: record.eventType,
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { ...record.payload, sha256 },
    });
  });
  return { sha256, bytes };
}
