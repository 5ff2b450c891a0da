import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { syncMessages } from '../../../shared/i18n/sync';
import type { HqRole } from '../../auth/hq-users';
import { messageLine, pageHref, signedInPage } from './html';

/** A signed-in user asked for a page their role does not open: one line, and the way back. */
export function renderForbiddenPage(view: {
  locale: Locale;
  user: { username: string; role: HqRole };
  csrfToken: string;
}): string {
  const t = hqPageMessages[view.locale].forbidden;
  const text = syncMessages[view.locale].errors.FORBIDDEN;
  const main = `<h1>${t.title}</h1>${messageLine({ kind: 'error', text })}
<p><a href="${pageHref('/status', view.locale)}">${t.back}</a></p>`;
  return signedInPage(view, { title: t.title, path: '/forbidden', main });
}
