import type { HqStatus } from '../../../shared/sync/protocol';
import { syncMessages } from '../../../shared/i18n/sync';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import type { Locale } from '../../../shared/i18n/define';
import type { HqRole } from '../../auth/hq-users';
import type { IssuedCode } from '../../admin/enrollment.service';
import { codesTable } from './codes-table';
import { withheldSection } from './withheld-section';
import { heldTransfersSection } from './held-transfers-section';
import { hqTerminalMessages } from '../../../shared/i18n/hq-terminals';
import { holderText } from './withheld-section';
import { chinaTime, csrfField, escapeHtml, messageLine, pageHref, signedInPage } from './html';

export interface StatusView {
  locale: Locale;
  status: HqStatus;
  user: { username: string; role: HqRole };
  csrfToken: string;
  /** Installations are the HQ administrator's; other HQ roles see the counts per branch only. */
  showInstallations: boolean;
  message?: { kind: 'error' | 'info'; text: string };
  /** The enrollment form's branch code after a refusal. */
  branchCode?: string;
  /** The latest enrollment codes (administrators only). */
  codes?: readonly IssuedCode[];
  now: number;
}

const when = chinaTime;

const table = (headers: readonly string[], rows: readonly string[], none: string, testId: string) =>
  `<table data-testid="${testId}"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('') || `<tr><td colspan="${headers.length}">${none}</td></tr>`}</tbody></table>`;

type Installation = HqStatus['installations'][number];

/** The revocation column says only when (or "—"); the action lives in the actions column. */
const revokedCell = (i: Installation) => (i.revokedAt === null ? '—' : when(i.revokedAt));

function actionsCell(i: Installation, locale: Locale): string {
  if (i.revokedAt !== null) return '<span class="muted">—</span>';
  const r = hqPageMessages[locale].revoke;
  const label = r.actionLabel.replace('{{host}}', i.hostname).replace('{{branch}}', i.branchCode);
  const href = pageHref('/installations/revoke', locale, { id: i.installationId });
  return `<a href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}">${r.action}</a>`;
}

function installationsTable(status: HqStatus, locale: Locale): string {
  const t = syncMessages[locale].status;
  const terminals = hqTerminalMessages[locale];
  const rows = status.installations.map(
    (i) =>
      `<tr><td>${escapeHtml(i.branchCode)}</td><td>${escapeHtml(i.terminalCode ?? terminals.unknownTerminal)}</td>` +
      `<td>${escapeHtml(i.hostname)}</td><td><code>${i.installationId}</code></td>` +
      `<td>${when(i.lastSyncAt, t.never)}</td><td class="n">${i.chainHead.seq} <code>${i.chainHead.hash.slice(0, 12)}</code></td>` +
      `<td class="n">${i.lag}</td><td class="n${i.forks > 0 ? ' bad' : ''}">${i.forks}</td>` +
      `<td>${revokedCell(i)}</td><td>${actionsCell(i, locale)}</td></tr>`,
  );
  const r = hqPageMessages[locale].revoke;
  const headers = [
    t.branch,
    terminals.terminal,
    t.hostname,
    t.installation,
    t.lastSync,
    t.chainHead,
    t.lag,
    t.forks,
    r.column,
    r.actions,
  ];
  return `<h2>${t.installations}</h2>${table(headers, rows, t.none, 'hq-installations')}`;
}

/**
 * Active PCs of a branch sharing a terminal code (hq/admin/terminal-codes.ts): above the
 * installations, since the branch's sync is stuck until it is dealt with. Nothing when there is none.
 */
function terminalClashSection(status: HqStatus, locale: Locale): string {
  if (status.terminalClashes.length === 0) return '';
  const m = hqTerminalMessages[locale];
  const rows = status.terminalClashes.map((clash) => {
    // No revoke link here: revoking one of the two repairs nothing (docs/SYNC.md says why).
    const pcs = clash.installations.map((pc) => `<li>${holderText(pc, locale)}</li>`).join('');
    return `<tr><td>${escapeHtml(clash.branchCode)}</td><td>${escapeHtml(clash.terminalCode)}</td><td><ul class="plain">${pcs}</ul></td></tr>`;
  });
  const headers = [syncMessages[locale].status.branch, m.terminal, syncMessages[locale].status.installations];
  return `<section class="panel" aria-labelledby="clash-heading" data-testid="hq-terminal-clashes"><h2 id="clash-heading" class="bad">${m.clashHeading}</h2><p>${m.clashIntro}</p>
${table(headers, rows, '', 'hq-terminal-clash-table')}<p class="hint">${m.clashHint}</p></section>`;
}

/** The IT officer brings a branch PC online from here: a one-time code, shown on the next page. */
function enrollForm(view: StatusView): string {
  const t = hqPageMessages[view.locale].enroll;
  return `<section class="panel" aria-labelledby="enroll-heading"><h2 id="enroll-heading">${t.heading}</h2><p>${t.intro}</p>
<form method="post" action="${pageHref('/enrollment-codes', view.locale)}" data-testid="hq-enroll">${csrfField(view.csrfToken)}
<div class="row"><div class="field"><label for="branch">${t.branch}</label>
<input id="branch" name="branch" required maxlength="8" autocomplete="off" aria-describedby="branch-hint" value="${escapeHtml(view.branchCode ?? '')}"></div>
<button type="submit" class="button">${t.submit}</button></div>
<p class="hint" id="branch-hint">${t.branchHint}</p>
<div class="check"><input type="checkbox" id="restore" name="restore" value="yes"><label for="restore">${t.restore}</label></div>
</form></section>`;
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

/** Whether the counts below include every stored event (the projection runs after each push). */
function projectionLine(status: HqStatus, locale: Locale): string {
  const t = hqPageMessages[locale].status;
  const { pendingEvents, oldestPendingAt } = status.projection;
  const text =
    pendingEvents === 0
      ? t.projectionCurrent
      : t.projectionBehind
          .replace('{{events}}', String(pendingEvents))
          .replace('{{since}}', escapeHtml(when(oldestPendingAt)));
  return `<p data-testid="hq-projection">${text}</p>`;
}

/** HQ's status page for a signed-in HQ user. Plain HTML, no script. */
export function renderStatusPage(view: StatusView): string {
  const { locale, status } = view;
  const t = syncMessages[locale].status;
  const branches = status.casesByBranch.map(
    (b) => `<tr><td>${escapeHtml(b.branchCode)}</td><td class="n">${b.cases}</td></tr>`,
  );
  const installations = view.showInstallations
    ? `${enrollForm(view)}${terminalClashSection(status, locale)}${installationsTable(status, locale)}${withheldSection(status, locale)}${heldTransfersSection(status, locale)}${codesTable(view.codes ?? [], locale, view.now, view.csrfToken)}`
    : `<p>${hqPageMessages[locale].status.adminOnly}</p>`;
  const main = `<h1>${t.title}</h1>${messageLine(view.message)}<p>${t.fingerprint}: <code>${escapeHtml(status.fingerprint)}</code></p>
${installations}
${projectionLine(status, locale)}
<h2>${t.casesByBranch}</h2>${table([t.branch, t.cases], branches, t.none, 'hq-cases-by-branch')}
${caseWorkTable(status, locale)}`;
  return signedInPage(view, { title: t.title, path: '/status', main });
}
