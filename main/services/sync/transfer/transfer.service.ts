import { requireCaseRow } from '../../../../db/repos/cases/cases.repo';
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
 * push, and the receiving branch gets it, with its number, on its next pull.
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
      },
    );
  });
  return toDetail(ctx, updated);
}
