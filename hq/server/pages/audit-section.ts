import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { HqRole } from '../../auth/hq-users';
import type { HqAuditEntry, HqAuditPage } from '../../admin/hq-audit';
import { chinaTime, escapeHtml, pageHref } from './html';

const messagesOf = (locale: Locale) => hqPageMessages[locale];

/** HQ itself (the first start) is "系统"/"HQ itself", not its internal name. */
const actorLabel = (name: string, locale: Locale) =>
  name === 'hq' ? messagesOf(locale).users.hqItself : escapeHtml(name);

/** An audit line's details in words: the role change, or that a code is for a restore. */
function auditDetail(entry: HqAuditEntry, locale: Locale): string {
  const m = messagesOf(locale);
  const { detail } = entry;
  const role = (value: unknown) => m.roles[value as HqRole] ?? String(value);
  if (entry.action === 'user.role_changed')
    return m.audit.roleChange.replace('{{from}}', role(detail.from)).replace('{{to}}', role(detail.to));
  if (entry.action === 'user.created') return role(detail.role);
  const isCode = entry.action === 'enrollment.code_issued' || entry.action === 'enrollment.code_cancelled';
  if (isCode && detail.restore === true) return m.audit.restore;
  return '';
}

function auditTable(audit: readonly HqAuditEntry[], locale: Locale): string {
  const m = messagesOf(locale);
  const t = m.users;
  const rows = audit.map(
    (entry) =>
      `<tr><td>${chinaTime(entry.at)}</td><td>${actorLabel(entry.actorName, locale)}</td>` +
      `<td>${m.audit[entry.action]}</td><td>${escapeHtml(entry.target)}</td><td>${escapeHtml(auditDetail(entry, locale))}</td></tr>`,
  );
  const headers = [t.auditAt, t.auditActor, t.auditAction, t.auditTarget, t.auditDetail];
  const none = `<tr><td colspan="${headers.length}">${t.noAudit}</td></tr>`;
  return `<table data-testid="hq-audit"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('') || none}</tbody></table>`;
}

/** A GET form (no state changes, so no CSRF token): the server filters, the page has no script. */
function actorFilter(page: HqAuditPage, locale: Locale): string {
  const t = messagesOf(locale).users;
  const options = page.actors.map(
    (name) =>
      `<option value="${escapeHtml(name)}"${name === page.actor ? ' selected' : ''}>${actorLabel(name, locale)}</option>`,
  );
  const lang = locale === 'en' ? '<input type="hidden" name="lang" value="en">' : '';
  return `<form method="get" action="/users" class="filter" data-testid="hq-audit-filter">${lang}<div class="row"><div class="field">
<label for="audit-actor">${t.auditFilter}</label><select id="audit-actor" name="actor"><option value="">${t.allActors}</option>${options.join('')}</select></div>
<button type="submit" class="button quiet">${t.filter}</button></div></form>`;
}

function pager(page: HqAuditPage, locale: Locale): string {
  const t = messagesOf(locale).users;
  const actor: Record<string, string> = page.actor ? { actor: page.actor } : {};
  const links = [
    page.before === null ? '' : `<a href="${escapeHtml(pageHref('/users', locale, actor))}">${t.newest}</a>`,
    page.older === null
      ? ''
      : `<a href="${escapeHtml(pageHref('/users', locale, { ...actor, before: String(page.older) }))}" data-testid="hq-audit-older">${t.older}</a>`,
  ].filter(Boolean);
  return links.length ? `<nav class="actions" aria-label="${t.auditPages}">${links.join('')}</nav>` : '';
}

/** The administration log: filter by actor, newest first, one page at a time. */
export function auditSection(page: HqAuditPage, locale: Locale): string {
  const t = messagesOf(locale).users;
  return `<h2>${t.auditHeading}</h2>${actorFilter(page, locale)}${auditTable(page.entries, locale)}${pager(page, locale)}`;
}
