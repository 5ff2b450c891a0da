import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { IssuedCode } from '../../admin/enrollment.service';
import { chinaTime, csrfField, escapeHtml, pageHref } from './html';

function stateOf(code: IssuedCode, locale: Locale, now: number): string {
  const t = hqPageMessages[locale].codes;
  if (code.cancelledAt !== null)
    return `<span class="muted">${escapeHtml(t.cancelled.replace('{{at}}', chinaTime(code.cancelledAt)))}</span>`;
  if (code.usedAt !== null)
    return escapeHtml(
      t.used.replace('{{at}}', chinaTime(code.usedAt)).replace('{{host}}', code.usedByHost ?? '—'),
    );
  return code.expiresAt <= now ? `<span class="muted">${t.expired}</span>` : `<strong>${t.waiting}</strong>`;
}

const isWaiting = (code: IssuedCode, now: number) =>
  code.usedAt === null && code.cancelledAt === null && code.expiresAt > now;

/** A waiting code can be cancelled (a POST with the session's anti-forgery token); the others show "—". */
function actionCell(code: IssuedCode, locale: Locale, now: number, csrfToken: string): string {
  if (!isWaiting(code, now)) return '<span class="muted">—</span>';
  const t = hqPageMessages[locale].codes;
  const label = t.cancelLabel
    .replace('{{branch}}', code.branchCode)
    .replace('{{at}}', chinaTime(code.createdAt));
  return `<form method="post" action="${pageHref('/enrollment-codes/cancel', locale)}">${csrfField(csrfToken)}<input type="hidden" name="code" value="${escapeHtml(code.codeHash)}"><button type="submit" class="button quiet small" aria-label="${escapeHtml(label)}">${t.cancel}</button></form>`;
}

/** Which branches still have a code waiting, which enrolled and with which PC: the IT officer's checklist. */
export function codesTable(
  codes: readonly IssuedCode[],
  locale: Locale,
  now: number,
  csrfToken: string,
): string {
  const m = hqPageMessages[locale];
  const t = m.codes;
  const rows = codes.map(
    (code) =>
      `<tr><td>${escapeHtml(code.branchCode)}</td><td>${code.restore ? m.enroll.kindRestore : m.enroll.kindNormal}</td>` +
      `<td>${chinaTime(code.createdAt)}</td><td>${chinaTime(code.expiresAt)}</td><td>${stateOf(code, locale, now)}</td><td>${actionCell(code, locale, now, csrfToken)}</td></tr>`,
  );
  const headers = [t.branch, t.kind, t.issued, t.expires, t.state, t.actions];
  const none = `<tr><td colspan="${headers.length}">${t.none}</td></tr>`;
  return `<h2>${t.heading}</h2><table data-testid="hq-codes"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('') || none}</tbody></table>`;
}
