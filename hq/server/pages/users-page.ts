import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { HQ_ROLE_NAMES, type HqUserView } from '../../../shared/sync/hq-users';
import type { HqRole } from '../../auth/hq-users';
import type { HqAuditPage } from '../../admin/hq-audit';
import { auditSection } from './audit-section';
import { chinaTime, csrfField, escapeHtml, messageLine, pageHref, signedInPage } from './html';

export interface UsersView {
  locale: Locale;
  user: { id: string; username: string; role: HqRole };
  csrfToken: string;
  users: readonly HqUserView[];
  audit: HqAuditPage;
  message?: { kind: 'error' | 'info'; text: string };
  /** The form's values after a refusal (never the password). */
  draft?: { username: string; role: string };
}

const messagesOf = (locale: Locale) => hqPageMessages[locale];

export function roleOptions(locale: Locale, selected: string): string {
  const roles = messagesOf(locale).roles;
  return HQ_ROLE_NAMES.map(
    (role) => `<option value="${role}"${role === selected ? ' selected' : ''}>${roles[role]}</option>`,
  ).join('');
}

function createForm(view: UsersView): string {
  const t = messagesOf(view.locale).users;
  const draft = view.draft ?? { username: '', role: 'hq_analyst' };
  return `<section class="panel" aria-labelledby="create-heading"><h2 id="create-heading">${t.createHeading}</h2>
<form method="post" action="${pageHref('/users/create', view.locale)}" data-testid="hq-user-create">${csrfField(view.csrfToken)}
<div class="row"><div class="field"><label for="username">${t.username}</label>
<input id="username" name="username" required maxlength="32" autocomplete="off" aria-describedby="username-hint" value="${escapeHtml(draft.username)}"></div>
<div class="field"><label for="role">${t.role}</label><select id="role" name="role">${roleOptions(view.locale, draft.role)}</select></div>
<div class="field"><label for="password">${t.password}</label>
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="200" aria-describedby="password-hint"></div>
<button type="submit" class="button">${t.create}</button></div>
<p class="hint" id="username-hint">${t.usernameHint}</p><p class="hint" id="password-hint">${t.passwordHint}</p>
</form></section>`;
}

function usersTable(view: UsersView): string {
  const m = messagesOf(view.locale);
  const t = m.users;
  const rows = view.users.map((u) => {
    const you = u.id === view.user.id ? t.you : '';
    const label = t.manageLabel.replace('{{user}}', u.username);
    const href = pageHref('/users/edit', view.locale, { id: u.id });
    return (
      `<tr><td>${escapeHtml(u.username)}${you}</td><td>${m.roles[u.role]}</td>` +
      `<td${u.isActive ? '' : ' class="bad"'}>${u.isActive ? t.active : t.inactive}</td><td>${chinaTime(u.createdAt)}</td>` +
      `<td><a href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}">${t.manage}</a></td></tr>`
    );
  });
  const headers = [t.username, t.role, t.status, t.createdAt, t.actions];
  return `<h2>${t.listHeading}</h2><table data-testid="hq-users"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

/** HQ's users, a form for a new one, and the administration log. Plain HTML, no script. */
export function renderUsersPage(view: UsersView): string {
  const t = messagesOf(view.locale).users;
  const main = `<h1>${t.title}</h1><p>${t.intro}</p>${messageLine(view.message)}
${createForm(view)}${usersTable(view)}${auditSection(view.audit, view.locale)}`;
  return signedInPage(view, { title: t.title, path: '/users', main });
}

/** A password HQ made up, shown this once (the answer to a POST, not cached). */
export function renderPasswordOncePage(view: {
  locale: Locale;
  user: { username: string; role: HqRole };
  csrfToken: string;
  notice: string;
  target: string;
  password: string;
}): string {
  const t = messagesOf(view.locale).users;
  const main = `<h1>${t.passwordTitle}</h1>${messageLine({ kind: 'info', text: view.notice })}
<div class="panel"><p>${escapeHtml(t.passwordOnce.replace('{{user}}', view.target))}</p>
<p><span class="secret" data-testid="hq-initial-password">${escapeHtml(view.password)}</span></p></div>
<p><a href="${pageHref('/users', view.locale)}">${t.back}</a></p>`;
  return signedInPage(view, { title: t.passwordTitle, path: '/users', main });
}
