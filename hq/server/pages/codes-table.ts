import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { IssuedCode } from '../../admin/enrollment.service';
import { chinaTime, escapeHtml } from './html';

function stateOf(code: IssuedCode, locale: Locale, now: number): string {
  const t = hqPageMessages[locale].codes;
  if (code.usedAt !== null)
    return escapeHtml(
      t.used.replace('{{at}}', chinaTime(code.usedAt)).replace('{{host}}', code.usedByHost ?? '—'),
    );
  return code.expiresAt <= now ? `<span class="muted">${t.expired}</span>` : `<strong>${t.waiting}</strong>`;
}

/** Which branches still have a code waiting, which enrolled and with which PC: the IT officer's checklist. */
export function codesTable(codes: readonly IssuedCode[], locale: Locale, now: number): string {
  const m = hqPageMessages[locale];
  const t = m.codes;
  const rows = codes.map(
    (code) =>
      `<tr><td>${escapeHtml(code.branchCode)}</td><td>${code.restore ? m.enroll.kindRestore : m.enroll.kindNormal}</td>` +
      `<td>${chinaTime(code.createdAt)}</td><td>${chinaTime(code.expiresAt)}</td><td>${stateOf(code, locale, now)}</td></tr>`,
  );
  const headers = [t.branch, t.kind, t.issued, t.expires, t.state];
  const none = `<tr><td colspan="${headers.length}">${t.none}</td></tr>`;
  return `<h2>${t.heading}</h2><table data-testid="hq-codes"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('') || none}</tbody></table>`;
}
