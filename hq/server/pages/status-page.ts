import type { HqStatus } from '../../../shared/sync/protocol';
import { syncMessages } from '../../../shared/i18n/sync';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { Locale } from '../../../shared/i18n/define';
import type { HqRole } from '../../auth/hq-users';
import { escapeHtml, renderPage, signedInHeader } from './html';

export interface StatusView {
  locale: Locale;
  status: HqStatus;
  user: { username: string; role: HqRole };
  csrfToken: string;
  /** Installations are the HQ administrator's; other HQ roles see the counts per branch only. */
  showInstallations: boolean;
}

const when = (ms: number | null, never: string) =>
  ms === null ? never : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

const table = (headers: readonly string[], rows: readonly string[], none: string, testId: string) =>
  `<table data-testid="${testId}"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('') || `<tr><td colspan="${headers.length}">${none}</td></tr>`}</tbody></table>`;

function installationsTable(status: HqStatus, locale: Locale): string {
  const t = syncMessages[locale].status;
  const rows = status.installations.map(
    (i) =>
      `<tr><td>${escapeHtml(i.branchCode)}</td><td>${escapeHtml(i.hostname)}</td><td><code>${i.installationId}</code></td>` +
      `<td>${when(i.lastSyncAt, t.never)}</td><td class="n">${i.chainHead.seq} <code>${i.chainHead.hash.slice(0, 12)}</code></td>` +
      `<td class="n">${i.lag}</td><td class="n${i.forks > 0 ? ' bad' : ''}">${i.forks}</td>` +
      `<td>${i.revokedAt === null ? '' : `${t.revoked} ${when(i.revokedAt, '')}`}</td></tr>`,
  );
  const headers = [t.branch, t.hostname, t.installation, t.lastSync, t.chainHead, t.lag, t.forks, t.revoked];
  return `<h2>${t.installations}</h2>${table(headers, rows, t.none, 'hq-installations')}`;
}

function caseWorkTable(status: HqStatus, locale: Locale): string {
  const t = hqPageMessages[locale].caseWork;
  const none = syncMessages[locale].status.none;
  const rows = status.caseWorkByBranch.map((b) => {
    const r = b.rectifications;
    const finished = r.done + r.verified;
    const rate = r.total === 0 ? '—' : `${Math.round((finished / r.total) * 100)}%`;
    return (
      `<tr><td>${escapeHtml(b.branchCode)}</td><td class="n">${r.total}</td><td class="n">${r.open}</td>` +
      `<td class="n${r.overdue > 0 ? ' bad' : ''}">${r.overdue}</td><td class="n">${r.done}</td><td class="n">${r.verified}</td>` +
      `<td class="n">${rate}</td><td class="n">${b.referrals.total}</td>` +
      `<td class="n${b.referrals.overdue > 0 ? ' bad' : ''}">${b.referrals.overdue}</td><td class="n">${b.contacts}</td></tr>`
    );
  });
  const headers = [
    syncMessages[locale].status.branch,
    t.rectifications,
    t.open,
    t.overdue,
    t.done,
    t.verified,
    t.completion,
    t.referrals,
    t.referralsOverdue,
    t.contacts,
  ];
  const asOf = status.asOfDate ? `<p>${t.asOf.replace('{{date}}', status.asOfDate)}</p>` : '';
  return `<h2>${t.heading}</h2>${asOf}${table(headers, rows, none, 'hq-case-work')}`;
}

/** HQ's status page for a signed-in HQ user. Plain HTML, no script. */
export function renderStatusPage(view: StatusView): string {
  const { locale, status } = view;
  const t = syncMessages[locale].status;
  const branches = status.casesByBranch.map(
    (b) => `<tr><td>${escapeHtml(b.branchCode)}</td><td class="n">${b.cases}</td></tr>`,
  );
  const installations = view.showInstallations
    ? installationsTable(status, locale)
    : `<p>${hqPageMessages[locale].status.adminOnly}</p>`;
  const body = `${signedInHeader(locale, view.user, view.csrfToken, '/status')}
<main><h1>${t.title}</h1><p>${t.fingerprint}: <code>${escapeHtml(status.fingerprint)}</code></p>
${installations}
<h2>${t.casesByBranch}</h2>${table([t.branch, t.cases], branches, t.none, 'hq-cases-by-branch')}
${caseWorkTable(status, locale)}</main>`;
  return renderPage(locale, t.title, body);
}
