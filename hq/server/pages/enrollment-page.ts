import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { EnrollmentCodeResponse } from '../../../shared/sync/protocol';
import type { HqRole } from '../../auth/hq-users';
import { chinaTime, escapeHtml, messageLine, pageHref, signedInPage } from './html';

export interface EnrollmentIssuedView {
  locale: Locale;
  user: { username: string; role: HqRole };
  csrfToken: string;
  issued: EnrollmentCodeResponse;
  /** The address branch PCs use for this HQ, as the browser reached it. */
  hqUrl: string;
}

/**
 * The code just issued, with what the branch administrator types on the PC. Shown once: HQ keeps
 * only the code's hash, and this answer to a POST is not cached (sendHtml: no-store).
 */
export function renderEnrollmentIssuedPage(view: EnrollmentIssuedView): string {
  const t = hqPageMessages[view.locale].enroll;
  const { issued } = view;
  const intro = t.issued.replace('{{branch}}', issued.branchCode);
  const cli = `redress sync enroll ${view.hqUrl} --code ${issued.code} --fingerprint ${issued.fingerprint}${issued.restore ? ' --restore' : ''}`;
  const main = `<h1>${t.issuedTitle}</h1>${messageLine({ kind: 'info', text: intro })}
<div class="panel"><dl class="facts" data-testid="hq-enrollment-code">
<dt>${t.code}</dt><dd><span class="secret" data-testid="hq-code">${escapeHtml(issued.code)}</span></dd>
<dt>${t.fingerprint}</dt><dd><code data-testid="hq-fingerprint">${escapeHtml(issued.fingerprint)}</code></dd>
<dt>${t.hqAddress}</dt><dd><code data-testid="hq-address">${escapeHtml(view.hqUrl)}</code></dd>
<dt>${t.expires}</dt><dd data-testid="hq-expires">${chinaTime(issued.expiresAt)}</dd>
<dt>${t.kind}</dt><dd>${issued.restore ? t.kindRestore : t.kindNormal}</dd></dl>
<p class="muted">${t.cli} <code>${escapeHtml(cli)}</code></p></div>
<p><a href="${pageHref('/status', view.locale)}">${t.back}</a></p>`;
  return signedInPage(view, { title: t.issuedTitle, path: '/status', main });
}
