import type { HqStatus } from '../../shared/sync/protocol';
import { syncMessages } from '../../shared/i18n/sync';
import type { Locale } from '../../shared/i18n/define';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const when = (ms: number | null, never: string) =>
  ms === null ? never : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** The HQ administrator's page: installations and cases per branch. Plain HTML, no script. */
export function renderStatusPage(status: HqStatus, locale: Locale): string {
  const t = syncMessages[locale].status;
  const rows = status.installations
    .map(
      (i) =>
        `<tr><td>${escape(i.branchCode)}</td><td>${escape(i.hostname)}</td><td><code>${i.installationId}</code></td>` +
        `<td>${when(i.lastSyncAt, t.never)}</td><td>${i.chainHead.seq} <code>${i.chainHead.hash.slice(0, 12)}</code></td>` +
        `<td>${i.lag}</td><td>${i.forks}</td><td>${i.revokedAt === null ? '' : `${t.revoked} ${when(i.revokedAt, '')}`}</td></tr>`,
    )
    .join('');
  const branches = status.casesByBranch
    .map((b) => `<tr><td>${escape(b.branchCode)}</td><td>${b.cases}</td></tr>`)
    .join('');
  const empty = (cols: number) => `<tr><td colspan="${cols}">${t.none}</td></tr>`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${t.title}</title>
<style>body{font-family:"Noto Sans SC",sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:2rem}td,th{border:1px solid #999;padding:.3rem .6rem;text-align:left}</style></head>
<body><main><h1>${t.title}</h1><p>${t.fingerprint}: <code>${escape(status.fingerprint)}</code></p>
<h2>${t.installations}</h2><table><thead><tr><th>${t.branch}</th><th>${t.hostname}</th><th>${t.installation}</th><th>${t.lastSync}</th><th>${t.chainHead}</th><th>${t.lag}</th><th>${t.forks}</th><th>${t.revoked}</th></tr></thead>
<tbody>${rows || empty(8)}</tbody></table>
<h2>${t.casesByBranch}</h2><table><thead><tr><th>${t.branch}</th><th>${t.cases}</th></tr></thead><tbody>${branches || empty(2)}</tbody></table></main></body></html>`;
}
