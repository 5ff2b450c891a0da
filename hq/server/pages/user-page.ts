import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { HqUserView } from '../../../shared/sync/hq-users';
import type { HqRole } from '../../auth/hq-users';
import { chinaTime, csrfField, escapeHtml, messageLine, pageHref, signedInPage } from './html';
import { roleOptions } from './users-page';

export interface UserView {
  locale: Locale;
  user: { id: string; username: string; role: HqRole };
  csrfToken: string;
  target: HqUserView;
  message?: { kind: 'error' | 'info'; text: string };
}

const form = (view: UserView, action: string, testId: string, content: string) =>
  `<form method="post" action="${pageHref(action, view.locale)}" data-testid="${testId}">${csrfField(view.csrfToken)}
<input type="hidden" name="id" value="${escapeHtml(view.target.id)}">${content}</form>`;

function roleSection(view: UserView): string {
  const t = hqPageMessages[view.locale].user;
  return `<section class="panel" aria-labelledby="role-heading"><h2 id="role-heading">${t.roleHeading}</h2>${form(
    view,
    '/users/role',
    'hq-user-role',
    `<div class="row"><div class="field"><label for="new-role">${t.newRole}</label>
<select id="new-role" name="role">${roleOptions(view.locale, view.target.role)}</select></div>
<button type="submit" class="button">${t.changeRole}</button></div>`,
  )}</section>`;
}

/** Reset for an active user; for a deactivated one the same form re-activates (a new password either way). */
function passwordSection(view: UserView): string {
  const t = hqPageMessages[view.locale].user;
  const active = view.target.isActive;
  const heading = active ? t.passwordHeading : t.reactivateHeading;
  return `<section class="panel" aria-labelledby="password-heading"><h2 id="password-heading">${heading}</h2>${form(
    view,
    active ? '/users/password' : '/users/reactivate',
    'hq-user-password',
    `<div class="row"><div class="field"><label for="new-password">${t.newPassword}</label>
<input id="new-password" name="password" type="password" autocomplete="new-password" maxlength="200" aria-describedby="new-password-hint"></div>
<button type="submit" class="button">${active ? t.resetPassword : t.reactivate}</button></div>
<p class="hint" id="new-password-hint">${t.passwordHint}</p>`,
  )}</section>`;
}

function deactivateSection(view: UserView): string {
  const t = hqPageMessages[view.locale].user;
  const href = pageHref('/users/deactivate', view.locale, { id: view.target.id });
  return `<section class="panel" aria-labelledby="deactivate-heading"><h2 id="deactivate-heading">${t.deactivateHeading}</h2>
<p>${t.deactivateIntro}</p><a class="button danger" href="${escapeHtml(href)}" data-testid="hq-user-deactivate">${t.deactivate}</a></section>`;
}

/**
 * One HQ user: facts, role, password, deactivation. On one's own account no form is offered (the
 * service refuses a change of one's own role or deactivation anyway: OWN_ACCOUNT).
 */
export function renderUserPage(view: UserView): string {
  const m = hqPageMessages[view.locale];
  const t = m.user;
  const { target } = view;
  const isOwn = target.id === view.user.id;
  const facts = `<dl class="facts" data-testid="hq-user-facts"><dt>${t.role}</dt><dd>${m.roles[target.role]}</dd>
<dt>${t.status}</dt><dd>${target.isActive ? m.users.active : m.users.inactive}</dd>
<dt>${t.createdAt}</dt><dd>${chinaTime(target.createdAt)}</dd>
${target.deactivatedAt === null ? '' : `<dt>${t.deactivatedAt}</dt><dd>${chinaTime(target.deactivatedAt)}</dd>`}</dl>`;
  const forms = isOwn
    ? `<p class="message info">${t.own}</p>`
    : `${target.isActive ? roleSection(view) : ''}${passwordSection(view)}${target.isActive ? deactivateSection(view) : ''}`;
  const title = t.title.replace('{{user}}', target.username);
  const main = `<h1>${escapeHtml(title)}</h1>${messageLine(view.message)}<div class="panel">${facts}</div>${forms}
<p><a href="${pageHref('/users', view.locale)}">${m.users.back}</a></p>`;
  return signedInPage(view, { title, path: '/users/edit', params: { id: target.id }, main });
}
