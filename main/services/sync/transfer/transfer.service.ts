import { requireCaseRow } from '../../../../db/repos/cases/cases.repo';
import { listCaseEvents } from '../../../../db/repos/history.repo';
import type { ArchiveDb } from '../../../../db/open';
import {
  carriedWork,
  CASE_WORK_EVENT_TYPES,
  TRANSFER_RECEIVED,
} from '../../../../shared/sync/case-work-rows';
import type { TransferredWorkEvent } from '../../../../shared/sync/protocol';
import { updateCase } from '../../../../db/repos/cases/case-writer';
import { getMeta, META_KEYS } from '../../../../db/repos/meta.repo';
import type { CaseDetail } from '../../../../shared/domain/case-detail';
import { AppError } from '../../../../shared/errors';
import { transferInputSchema, type TransferInput } from '../../../../shared/domain/case-transfer';
import { parseInput, readableCaseRow, requirePermission, requireWritable } from '../../cases/case-scope';
import { toDetail } from '../../cases/read.service';
import type { ServiceContext } from '../../context';

/**
 * Hands a case to another branch of the institution through head office (docs/SYNC.md "Case
 * transfers"): a `case.transferred` event through the one case writer marks it transferred here
 * (read-only from then on, kept as a shell with its history); HQ routes it on this branch's next
 * push, and the receiving branch gets it, with its number, on its next pull. The event carries the
 * case as this PC hands it over (`copy`: its columns and its work events), which HQ keeps for the
 * receiving branch: a later disposal of the shell here cannot take anything from the receiver's case.
 */
export function transferCase(ctx: ServiceContext, input: TransferInput): CaseDetail {
  requirePermission(ctx, 'case:approve');
  const { caseId, toBranch, reason, expectedVersion } = parseInput(transferInputSchema, input);
  const fromBranch = getMeta(ctx.db, META_KEYS.branchCode) ?? ctx.actor.branchCode;
  if (toBranch === fromBranch) {
    throw new AppError('VALIDATION', 'transfer to the own branch', {
      fields: { toBranch: 'syncui.validation.transferSameBranch' },
    });
  }
  readableCaseRow(ctx, caseId);
  const updated = ctx.db.transaction(() => {
    const current = requireCaseRow(ctx.db, caseId);
    requireWritable(current);
    return updateCase(
      ctx.db,
      caseId,
      expectedVersion,
      { transferredTo: toBranch },
      {
        type: 'case.transferred',
        actorUserId: ctx.actor.userId,
        at: ctx.clock.now(),
        payload: {
          fromBranch,
          toBranch,
          reason,
          changes: { transferredTo: { before: null, after: toBranch } },
        },
        recorded: { copy: senderCopy(ctx.db, current as Record<string, unknown>) },
      },
    );
  });
  return toDetail(ctx, updated);
}

/** This PC's own bookkeeping columns, never part of a case's copy. */
const LOCAL_COLUMNS = new Set(['rowNo', 'version', 'updatedAt']);

/**
 * The case as handed over: its row (without this PC's bookkeeping) and its work events with their
 * payloads (contacts, rectification actions, referrals: the rows they carry), in the shape HQ's
 * pull gives the receiving branch (shared/sync/protocol.ts `work`).
 */
function senderCopy(
  db: ArchiveDb,
  row: Record<string, unknown>,
): { columns: Record<string, unknown>; work: TransferredWorkEvent[] } {
  const columns = Object.fromEntries(Object.entries(row).filter(([key]) => !LOCAL_COLUMNS.has(key)));
  // A case this branch received by transfer itself: the work its receipt carried goes on with it.
  const work = listCaseEvents(db, String(row.id)).flatMap((event): TransferredWorkEvent[] => {
    if (event.type === TRANSFER_RECEIVED) {
      return carriedWork(event.payload, event.caseId!).map(({ installationId, seq, hlc, type, payload }) => ({
        installationId,
        seq,
        hlc: hlc ?? null,
        type,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      }));
    }
    if (!CASE_WORK_EVENT_TYPES.has(event.type)) return [];
    const { installationId, seq, hlc, type, payload } = event;
    return [{ installationId, seq, hlc, type, payload }];
  });
  return { columns, work };
}
