import { analyticsMessages } from '../../../shared/i18n/analytics';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { embeddedFontCss, PRINT_FONT_STACK, withEmbeddedFont } from './embedded-font';
import type { SummaryTable } from './summary-tables';

export interface ReportChart {
  title: string;
  svg: string;
}

export interface ReportMeta {
  locale: Locale;
  title: string;
  filterText: string;
  exportedAt: string;
  exportedBy: string;
  kpis: { label: string; value: string }[];
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const STYLE = `
  @page { size: A4; }
  * { box-sizing: border-box; }
  body { font-family: ${PRINT_FONT_STACK}; font-size: 10.5pt; color: #222; margin: 0; }
  h1 { font-size: 18pt; margin: 0 0 4mm; }
  h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #ccc; padding-bottom: 1mm; }
  .meta { color: #555; margin: 0 0 1mm; }
  .kpis { display: flex; flex-wrap: wrap; gap: 3mm; margin: 4mm 0; }
  .kpi { border: 1px solid #ddd; border-radius: 2mm; padding: 2mm 3mm; min-width: 32mm; }
  .kpi b { display: block; font-size: 14pt; }
  .chart { page-break-inside: avoid; break-inside: avoid; margin: 3mm 0; }
  .chart svg { width: 100%; height: auto; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #ccc; padding: 1mm 2mm; text-align: left; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  th { background: #f2f4f7; }
`;

/** The report as one HTML page for Chromium to print: no scripts, no external resources. */
export function reportHtml(
  meta: ReportMeta,
  charts: readonly ReportChart[],
  tables: readonly SummaryTable[],
): string {
  const m = analyticsMessages[meta.locale];
  const kpis = meta.kpis
    .map((k) => `<div class="kpi">${escapeHtml(k.label)}<b>${escapeHtml(k.value)}</b></div>`)
    .join('');
  const chartHtml = charts
    .map((c) => `<section class="chart" aria-label="${escapeHtml(c.title)}">${c.svg}</section>`)
    .join('\n');
  const tableHtml = tables.map(tableToHtml).join('\n');
  return withEmbeddedFont(`<!doctype html><html lang="${meta.locale}"><head><meta charset="utf-8"><title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(meta.title)}</h1>
<p class="meta">${escapeHtml(interpolate(m.export.filter, { text: meta.filterText }))}</p>
<p class="meta">${escapeHtml(interpolate(m.export.generatedAt, { at: meta.exportedAt }))} · ${escapeHtml(interpolate(m.export.generatedBy, { name: meta.exportedBy }))}</p>
<div class="kpis">${kpis}</div>
${chartHtml}
${tableHtml}
</body></html>`);
}

function tableToHtml(table: SummaryTable): string {
  const head = table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => (typeof cell === 'number' ? `<td class="n">${formatNumber(cell)}</td>` : `<td>${escapeHtml(cell ?? '—')}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(table.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 1 ? 3 : 2);
}

/** Chromium's running header and footer (page numbers), printed on every page. */
export function pageTemplates(meta: ReportMeta): { headerTemplate: string; footerTemplate: string } {
  const m = analyticsMessages[meta.locale];
  const style = `font-size:8px;width:100%;padding:0 12mm;color:#666;font-family:${PRINT_FONT_STACK.replace(/'/g, '')};`;
  const pageText = escapeHtml(m.export.page)
    .replace('{{page}}', '<span class="pageNumber"></span>')
    .replace('{{pages}}', '<span class="totalPages"></span>');
  // Header and footer are separate documents: they get their own copy of the pieces they need.
  const font = `<style>${embeddedFontCss(`${meta.title}${meta.exportedAt}${m.export.page}0123456789`)}</style>`;
  return {
    headerTemplate: `${font}<div style="${style}display:flex;justify-content:space-between"><span>${escapeHtml(meta.title)}</span><span>${escapeHtml(meta.exportedAt)}</span></div>`,
    footerTemplate: `${font}<div style="${style}text-align:center">${pageText}</div>`,
  };
}
