import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { HqRole } from '../../auth/hq-users';
import { csrfField, messageLine, pageHref, signedInPage } from './html';

export interface PasswordView {
  locale: Locale;
  user: { username: string; role: HqRole };
  csrfToken: string;
  /** The administrator set the password: nothing else opens until it is replaced. */
  isForced: boolean;
  message?: { kind: 'error' | 'info'; text: string };
}

/** Any HQ user's own password: the current one, and the new one twice. */
export function renderPasswordPage(view: PasswordView): string {
  const t = hqPageMessages[view.locale].password;
  const field = (id: string, label: string, autocomplete: string, hint = '') =>
    `<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${id}" type="password" required maxlength="200" autocomplete="${autocomplete}"${hint ? ` aria-describedby="${id}-hint"` : ''}>${hint ? `<p class="hint" id="${id}-hint">${hint}</p>` : ''}</div>`;
  const forced = view.isForced && !view.message ? messageLine({ kind: 'info', text: t.forced }) : '';
  const main = `<h1>${t.title}</h1>${forced}${messageLine(view.message)}
<section class="panel narrow" aria-label="${t.title}"><form method="post" action="${pageHref('/password', view.locale)}" data-testid="hq-password">${csrfField(view.csrfToken)}
<div class="stack">${field('current', t.current, 'current-password')}${field('next', t.next, 'new-password', t.nextHint)}${field('again', t.confirm, 'new-password')}</div>
<div class="actions"><button type="submit" class="button">${t.submit}</button></div></form></section>`;
  return signedInPage(view, { title: t.title, path: '/password', main });
}
