import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { getAttachmentRow } from '../../../db/repos/attachments.repo';
import { appendEvent } from '../../../db/repos/history.repo';
import {
  activeHoldOf,
  documentKindsOfCase,
  holdsOfCase,
  insertLegalHold,
  liftHold,
  setDocumentKindRow,
} from '../../../db/repos/retention.repo';
import type { CaseRow, DocumentKindRow, LegalHoldRow } from '../../../db/schema';
import { legalHoldSchema, type LegalHoldInput } from '../../../shared/domain/disposal';
import { documentKindSchema, type DocumentKind } from '../../../shared/domain/retention';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import { readableCaseRow } from '../cases/case-scope';
import type { ServiceContext } from '../context';

/**
 * Legal holds (诉讼/监管调查中) and document kinds: the two things besides time that keep a case
 * from disposal. Each change is a case event (who, when, why), written with its projection row.
 */

export function placeLegalHold(ctx: ServiceContext, input: LegalHoldInput): LegalHoldRow {
  requirePermission(ctx, 'case:approve');
  const { caseId, reason } = parseInput(legalHoldSchema, input);
  requireNotTransferred(readableCaseRow(ctx, caseId));
  const row: LegalHoldRow = {
    id: uuidv7(),
    caseId,
    reason,
    placedBy: ctx.actor.userId,
    placedAt: ctx.clock.now(),
    liftedBy: null,
    liftedAt: null,
    liftReason: null,
  };
  ctx.db.transaction(() => {
    if (activeHoldOf(ctx.db, caseId)) throw new AppError('CONFLICT', `case ${caseId} is already on hold`);
    insertLegalHold(ctx.db, row);
    appendEvent(ctx.db, {
      caseId,
      type: 'case.legal_hold_placed',
      actorUserId: ctx.actor.userId,
      at: row.placedAt,
      payload: { holdId: row.id, reason },
    });
  });
  return row;
}

/**
 * A case transferred away is a read-only shell here: the receiving branch keeps it and places its
 * holds. (Archived cases are not refused: a hold is what keeps an archived case from disposal.) A
 * hold placed before the transfer may still be lifted.
 */
function requireNotTransferred(row: CaseRow): void {
  if (row.transferredTo)
    throw new AppError('CASE_TRANSFERRED', `case ${row.id} went to ${row.transferredTo}`);
}

export function liftLegalHold(ctx: ServiceContext, input: LegalHoldInput): LegalHoldRow {
  requirePermission(ctx, 'case:approve');
  const { caseId, reason } = parseInput(
    legalHoldSchema.extend({
      reason: z.string().trim().min(1, 'retention.validation.liftReasonRequired').max(2_000),
    }),
    input,
  );
  readableCaseRow(ctx, caseId);
  const at = ctx.clock.now();
  return ctx.db.transaction(() => {
    const hold = activeHoldOf(ctx.db, caseId);
    if (!hold) throw new AppError('NOT_FOUND', `case ${caseId} has no hold`);
    liftHold(ctx.db, hold.id, { by: ctx.actor.userId, at, reason });
    appendEvent(ctx.db, {
      caseId,
      type: 'case.legal_hold_lifted',
      actorUserId: ctx.actor.userId,
      at,
      payload: { holdId: hold.id, reason },
    });
    return { ...hold, liftedBy: ctx.actor.userId, liftedAt: at, liftReason: reason };
  });
}

export function listLegalHolds(ctx: ServiceContext, caseId: string): LegalHoldRow[] {
  readableCaseRow(ctx, caseId);
  return holdsOfCase(ctx.db, caseId);
}

/** Marks an attachment as an agreement, judgment or appraisal (kept permanently), or back to evidence. */
export function setDocumentKind(
  ctx: ServiceContext,
  input: { attachmentId: string; kind: DocumentKind },
): DocumentKindRow {
  requirePermission(ctx, 'case:edit');
  const { attachmentId, kind } = parseInput(documentKindSchema, input);
  const attachment = getAttachmentRow(ctx.db, attachmentId);
  if (!attachment) throw new AppError('NOT_FOUND', `attachment ${attachmentId}`);
  requireNotTransferred(readableCaseRow(ctx, attachment.caseId));
  const row: DocumentKindRow = {
    attachmentId,
    caseId: attachment.caseId,
    kind,
    setBy: ctx.actor.userId,
    setAt: ctx.clock.now(),
  };
  ctx.db.transaction(() => {
    setDocumentKindRow(ctx.db, row);
    appendEvent(ctx.db, {
      caseId: attachment.caseId,
      type: 'case.document_classified',
      actorUserId: ctx.actor.userId,
      at: row.setAt,
      payload: { attachmentId, kind },
    });
  });
  return row;
}

export function documentKindsOf(ctx: ServiceContext, caseId: string): DocumentKindRow[] {
  readableCaseRow(ctx, caseId);
  return documentKindsOfCase(ctx.db, caseId);
}
