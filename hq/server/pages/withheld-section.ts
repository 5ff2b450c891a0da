import type { Holder, HqStatus } from '../../../shared/sync/protocol';
import { hqWithheldMessages } from '../../../shared/i18n/hq-withheld';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { syncMessages } from '../../../shared/i18n/sync';
import type { Locale } from '../../../shared/i18n/define';
import { chinaTime, escapeHtml, pageHref } from './html';

/**
 * One installation holding files or transfers back, with the way to revoke it (a confirmation page
 * first); held-transfers-section.ts lists its PCs with it too.
 */
export function holderItem(holder: Holder, branchCode: string, locale: Locale): string {
  const r = hqPageMessages[locale].revoke;
  const text = holderText(holder, locale);
  const label = r.actionLabel.replace('{{host}}', holder.hostname).replace('{{branch}}', branchCode);
  const href = pageHref('/installations/revoke', locale, { id: holder.installationId });
  return `<li>${text} <a href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}">${r.action}</a></li>`;
}

/** An installation in words: host (installation id, last sync). */
export function holderText(holder: Holder, locale: Locale): string {
  return hqWithheldMessages[locale].holder
    .replace('{{host}}', escapeHtml(holder.hostname))
    .replace('{{installation}}', `<code>${holder.installationId}</code>`)
    .replace('{{last}}', chinaTime(holder.lastSyncAt, syncMessages[locale].status.never));
}

/**
 * Files a branch's disposals withhold at HQ until every PC of the branch has pushed past them
 * (hq/ingest/withheld-files.ts): per branch, how many, and which PCs they wait for. A lost PC
 * would keep them forever unseen; revoking it lets HQ delete them.
 */
export function withheldSection(status: HqStatus, locale: Locale): string {
  const w = hqWithheldMessages[locale];
  const heading = `<h2 id="withheld-heading">${w.heading}</h2>`;
  if (status.withheldFiles.length === 0)
    return `<section aria-labelledby="withheld-heading" data-testid="hq-withheld">${heading}<p>${w.none}</p></section>`;
  const rows = status.withheldFiles.map((branch) => {
    const holders = branch.holdingBack.map((h) => holderItem(h, branch.branchCode, locale)).join('');
    const waiting = holders ? `<ul class="plain">${holders}</ul>` : w.noHolder;
    return `<tr><td>${escapeHtml(branch.branchCode)}</td><td class="n">${branch.files}</td><td class="n">${branch.cases}</td><td>${waiting}</td></tr>`;
  });
  const headers = [syncMessages[locale].status.branch, w.files, w.cases, w.holdingBack]
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  return `<section aria-labelledby="withheld-heading" data-testid="hq-withheld">${heading}<p>${w.intro}</p>
<table data-testid="hq-withheld-files"><thead><tr>${headers}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="hint">${w.revokeHint}</p></section>`;
}
