import type { ArchiveDb } from '../../../../db/open';
import { getCaseRowById } from '../../../../db/repos/cases/cases.repo';
import { createCase } from '../../../../db/repos/cases/case-writer';
import { getMeta, META_KEYS } from '../../../../db/repos/meta.repo';
import type { NewCaseRow } from '../../../../db/schema';
import type { CaseTransfer } from '../../../../shared/sync/protocol';
import { HQ_ACTOR_ID } from '../reference/apply-reference';
import { projectCaseWorkRows, TRANSFER_RECEIVED } from '../case-work-projection';

/**
 * Cases another branch transferred to this one, as HQ routed them (docs/SYNC.md "Case transfers"):
 * each is created here through the one case writer with its original id and number, the branch it
 * came from, and the list of its earlier events (which stay in the sending branch's chains), in a
 * `case.transfer_received` event of this PC's chain, which also carries the sender's reason and the
 * case's work events (contacts, rectification actions, referrals: their rows are written here). The
 * other PCs of the branch get the case and its work rows from that event. A case already here
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
      const payload = {
        fromBranch: transfer.fromBranch,
        transferredAt: transfer.at,
        reason: transfer.reason,
        history: transfer.history,
        work: transfer.work,
        set,
      };
      createCase(db, row, { type: TRANSFER_RECEIVED, actorUserId: HQ_ACTOR_ID, at: now, payload });
      projectCaseWorkRows(db, transfer.caseId, [{ type: TRANSFER_RECEIVED, payload }]);
      received += 1;
    }
  });
  return received;
}
