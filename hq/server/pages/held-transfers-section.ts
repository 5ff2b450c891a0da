import type { HqStatus } from '../../../shared/sync/protocol';
import { hqHeldTransferMessages } from '../../../shared/i18n/hq-held-transfers';
import { syncMessages } from '../../../shared/i18n/sync';
import type { Locale } from '../../../shared/i18n/define';
import { chinaTime, escapeHtml } from './html';
import { holderItem } from './withheld-section';

type Transfer = HqStatus['heldTransfers'][number]['transfers'][number];

function transferItem(transfer: Transfer, locale: Locale): string {
  const text = hqHeldTransferMessages[locale].transfer
    .replace('{{case}}', escapeHtml(transfer.caseNo ?? transfer.caseId))
    .replace('{{to}}', escapeHtml(transfer.toBranch))
    .replace('{{at}}', chinaTime(transfer.at));
  return `<li>${text}</li>`;
}

/**
 * Case transfers HQ holds back until every PC of the sending branch has pushed past them
 * (hq/ingest/held-transfers.ts): per sending branch, which cases, and which PCs they wait for. A
 * lost PC would keep them from the receiving branch unseen; revoking it lets HQ hand them over.
 */
export function heldTransfersSection(status: HqStatus, locale: Locale): string {
  const m = hqHeldTransferMessages[locale];
  const heading = `<h2 id="held-transfers-heading">${m.heading}</h2>`;
  const open = `<section aria-labelledby="held-transfers-heading" data-testid="hq-held-transfers">${heading}`;
  if (status.heldTransfers.length === 0) return `${open}<p>${m.none}</p></section>`;
  const rows = status.heldTransfers.map((branch) => {
    const transfers = branch.transfers.map((t) => transferItem(t, locale)).join('');
    const holders = branch.holdingBack.map((h) => holderItem(h, branch.branchCode, locale)).join('');
    const waiting = holders ? `<ul class="plain">${holders}</ul>` : m.noHolder;
    return `<tr><td>${escapeHtml(branch.branchCode)}</td><td><ul class="plain">${transfers}</ul></td><td>${waiting}</td></tr>`;
  });
  const headers = [syncMessages[locale].status.branch, m.transfers, m.holdingBack]
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  return `${open}<p>${m.intro}</p>
<table data-testid="hq-held-transfers-table"><thead><tr>${headers}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="hint">${m.revokeHint}</p></section>`;
}
