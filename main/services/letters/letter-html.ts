import type { Locale } from '../../../shared/i18n/define';
import type { LetterText } from '../../../shared/domain/letters';
import { PRINT_FONT_STACK, withEmbeddedFont } from '../reports/embedded-font';
import { escapeHtml } from '../reports/report-html';

const STYLE = `
  @page { size: A4; margin: 25mm 22mm; }
  body { font-family: ${PRINT_FONT_STACK}; font-size: 12pt; line-height: 1.8; color: #111; margin: 0; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 8mm; letter-spacing: 2px; }
  p { margin: 0 0 4mm; white-space: pre-line; text-align: justify; }
  .ref { text-align: right; color: #444; font-size: 10pt; margin-bottom: 6mm; }
`;

/** One letter as a self-contained page (no scripts, no fetches), its font inside. */
export function letterHtml(letter: LetterText, meta: { locale: Locale; caseNo: string }): string {
  const paragraphs = letter.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return withEmbeddedFont(`<!doctype html><html lang="${meta.locale}"><head><meta charset="utf-8">
<title>${escapeHtml(letter.title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(letter.title)}</h1>
<div class="ref">${escapeHtml(meta.caseNo)}</div>
${paragraphs}
</body></html>`);
}
