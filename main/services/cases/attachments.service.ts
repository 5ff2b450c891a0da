import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import {
  getAttachmentRow,
  insertAttachment,
  listAttachmentsOfCase,
  type AttachmentMeta,
  type AttachmentRow,
} from '../../../db/repos/attachments.repo';
import { requireCaseRow } from '../../../db/repos/cases/cases.repo';
import { appendEvent } from '../../../db/repos/history.repo';
import { AppError } from '../../../shared/errors';
import { caseFieldError } from '../../../shared/i18n/cases';
import { requireBorrowedIfArchived } from '../borrowing/borrowing.service';
import { parseInput, readableCaseRow, requirePermission } from './case-scope';
import type { ServiceContext } from '../context';

/**
 * Evidence files (letters, scans, photos, recordings), stored inside the encrypted archive so one
 * file and one key cover everything. Never listed with their bytes.
 */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

const attachmentInputSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  mimeType: z.string().trim().min(1).max(120),
  data: z.instanceof(Buffer),
});
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

export function addAttachment(ctx: ServiceContext, caseId: string, input: AttachmentInput): AttachmentMeta {
  requirePermission(ctx, 'case:edit');
  const { fileName, mimeType, data } = parseInput(attachmentInputSchema, input);
  if (data.length === 0) {
    throw new AppError('VALIDATION', 'empty attachment', { fields: { data: caseFieldError('fileEmpty') } });
  }
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('VALIDATION', `attachment of ${data.length} bytes`, {
      fields: { data: caseFieldError('fileTooLarge') },
      params: { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
    });
  }
  readableCaseRow(ctx, caseId);
  const now = ctx.clock.now();
  const row: AttachmentRow = {
    id: uuidv7(),
    caseId,
    // A name from another OS may carry its folders; only the last part is the file's name.
    fileName: path.win32.basename(path.posix.basename(fileName)),
    mimeType,
    sizeBytes: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    data,
    createdBy: ctx.actor.userId,
    createdAt: now,
  };
  return ctx.db.transaction(() => {
    if (requireCaseRow(ctx.db, caseId).status === 'archived')
      throw new AppError('CASE_READ_ONLY', `case ${caseId} is archived`);
    const saved = insertAttachment(ctx.db, row);
    const { id: attachmentId, sizeBytes, sha256 } = saved;
    appendEvent(ctx.db, {
      caseId,
      type: 'case.attachment_added',
      actorUserId: ctx.actor.userId,
      at: now,
      payload: { attachmentId, fileName: saved.fileName, mimeType, sizeBytes, sha256 },
    });
    return saved;
  });
}

export function listAttachments(ctx: ServiceContext, caseId: string): AttachmentMeta[] {
  requireBorrowedIfArchived(ctx, readableCaseRow(ctx, caseId));
  return listAttachmentsOfCase(ctx.db, caseId);
}

export function getAttachment(ctx: ServiceContext, id: string): AttachmentRow {
  requirePermission(ctx, 'case:read');
  const row = getAttachmentRow(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', `attachment ${id}`);
  requireBorrowedIfArchived(ctx, readableCaseRow(ctx, row.caseId));
  return row;
}
