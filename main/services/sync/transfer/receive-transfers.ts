import type { ArchiveDb } from '../../../../db/open';
import { getCaseRowById } from '../../../../db/repos/cases/cases.repo';
import { createCase } from '../../../../db/repos/cases/case-writer';
import { getMeta, META_KEYS } from '../../../../db/repos/meta.repo';
import { attachments, type NewCaseRow } from '../../../../db/schema';
import { AppError } from '../../../../shared/errors';
import { checkedFileBytes } from '../apply-remote';
import type { CaseTransfer } from '../../../../shared/sync/protocol';
import { HQ_ACTOR_ID } from '../reference/apply-reference';
import { projectCaseWorkRows, TRANSFER_RECEIVED } from '../case-work-projection';

/**
 * Cases another branch transferred to this one, as HQ routed them (docs/SYNC.md "Case transfers"):
 * each is created here through the one case writer with its original id and number, the branch it
 * came from, and the list of its earlier events (which stay in the sending branch's chains), in a
 * `case.transfer_received` event of this PC's chain, which also carries the sender's reason and the
 * case's work events (contacts, rectification actions, referrals: their rows are written here) and
 * the list of its evidence files, whose bytes (checked against their sha256) are stored here. The
 * other PCs of the branch get the case, its work rows and its files from that event. A case already here
 * (another PC of the branch received it first) is left as it is.
 */
export function receiveTransfers(db: ArchiveDb, transfers: readonly CaseTransfer[], now: number): number {
  const branch = getMeta(db, META_KEYS.branchCode);
  let received = 0;
  db.transaction(() => {
    for (const transfer of transfers) {
      if (transfer.toBranch !== branch || getCaseRowById(db, transfer.caseId)) continue;
      // The columns the receiving branch changes: with the case's earlier events (at HQ) this
      // event acts as that change (shared/sync/case-fold.ts).
      const set = {
        branchCode: transfer.toBranch,
        transferredFrom: transfer.fromBranch,
        transferredTo: null,
      };
      const row = {
        ...transfer.columns,
        ...set,
        id: transfer.caseId,
        version: 1,
        updatedAt: now,
      } as NewCaseRow;
      // Checked before anything is written: a file that does not match refuses the whole page.
      const files = transfer.attachments.map((file) => ({ ...file, data: checkedFileBytes(file) }));
      if (files.some((file) => file.caseId !== transfer.caseId))
        throw new AppError('SYNC_CHAIN_BROKEN', `transfer ${transfer.caseId} carries another case's file`, {
          params: { installation: transfer.caseId.slice(0, 8), seq: 0 },
        });
      const payload = {
        fromBranch: transfer.fromBranch,
        transferredAt: transfer.at,
        reason: transfer.reason,
        history: transfer.history,
        work: transfer.work,
        // The files' ids and digests: this branch's other PCs take the bytes from HQ against them.
        attachments: files.map(({ data: _data, ...listed }) => listed),
        set,
      };
      createCase(db, row, { type: TRANSFER_RECEIVED, actorUserId: HQ_ACTOR_ID, at: now, payload });
      projectCaseWorkRows(db, transfer.caseId, [{ type: TRANSFER_RECEIVED, payload }]);
      for (const file of files) db.insert(attachments).values(file).onConflictDoNothing().run();
      received += 1;
    }
  });
  return received;
}
