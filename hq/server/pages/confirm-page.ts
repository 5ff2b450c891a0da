import type { Locale } from '../../../shared/i18n/define';
import type { HqRole } from '../../auth/hq-users';
import { csrfField, escapeHtml, pageHref, signedInPage } from './html';

export interface ConfirmView {
  locale: Locale;
  user: { username: string; role: HqRole };
  csrfToken: string;
  title: string;
  /** What is about to change, as label/value pairs (values are escaped here). */
  facts: readonly (readonly [string, string])[];
  warning: string;
  /** Where the confirmation posts, with the hidden fields naming what it acts on. */
  action: string;
  fields: Record<string, string>;
  confirm: string;
  cancel: { text: string; path: string; params?: Record<string, string> };
  /** The page's own address (for the language switch). */
  path: string;
  params: Record<string, string>;
}

/** "Are you sure?" without script: a page of its own, whose one button posts the change. */
export function renderConfirmPage(view: ConfirmView): string {
  const facts = view.facts.map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`).join('');
  const hidden = Object.entries(view.fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  const cancel = pageHref(view.cancel.path, view.locale, view.cancel.params ?? {});
  const main = `<h1>${view.title}</h1><div class="panel"><dl class="facts">${facts}</dl>
<p class="message error" data-testid="hq-confirm-warning">${escapeHtml(view.warning)}</p>
<form method="post" action="${pageHref(view.action, view.locale)}" data-testid="hq-confirm">${csrfField(view.csrfToken)}${hidden}
<div class="actions"><button type="submit" class="button danger">${view.confirm}</button>
<a class="button quiet" href="${escapeHtml(cancel)}">${view.cancel.text}</a></div></form></div>`;
  return signedInPage(view, { title: view.title, path: view.path, params: view.params, main });
}
