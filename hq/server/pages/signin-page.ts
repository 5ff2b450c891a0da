import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { escapeHtml, langQuery, renderPage } from './html';

export interface SignInView {
  locale: Locale;
  /** One line above the form: why the user is here again. */
  message?: { kind: 'error' | 'info'; text: string };
  username?: string;
}

/** The sign-in form; it posts name, password and language to /signin. */
export function renderSignInPage(view: SignInView): string {
  const t = hqPageMessages[view.locale].signIn;
  const other = view.locale === 'en' ? 'zh-CN' : 'en';
  const message = view.message
    ? `<p class="message ${view.message.kind}" ${view.message.kind === 'error' ? 'role="alert"' : 'role="status"'} data-testid="hq-signin-message">${escapeHtml(view.message.text)}</p>`
    : '';
  const body = `<main><div class="card"><h1>${t.heading}</h1><p>${t.intro}</p>${message}
<form method="post" action="/signin" data-testid="hq-signin">
<input type="hidden" name="lang" value="${view.locale}">
<label for="username">${t.username}</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${escapeHtml(view.username ?? '')}"${view.username ? '' : ' autofocus'}>
<label for="password">${t.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${view.username ? ' autofocus' : ''}>
<button type="submit">${t.submit}</button></form>
<a class="lang" href="/signin${langQuery(other)}" lang="${other}">${hqPageMessages[view.locale].header.otherLanguage}</a></div></main>`;
  return renderPage(view.locale, t.title, body);
}
