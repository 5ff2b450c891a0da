import { asc, eq } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { attachments } from '../schema';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentMeta = Omit<AttachmentRow, 'data'>;

const META_COLUMNS = {
  id: attachments.id,
  caseId: attachments.caseId,
  fileName: attachments.fileName,
  mimeType: attachments.mimeType,
  sizeBytes: attachments.sizeBytes,
  sha256: attachments.sha256,
  createdBy: attachments.createdBy,
  createdAt: attachments.createdAt,
};

export function insertAttachment(db: ArchiveDb, row: AttachmentRow): AttachmentMeta {
  db.insert(attachments).values(row).run();
  const { data: _data, ...rest } = row;
  return rest;
}

/** The case's attachments without their bytes: a list must not pull megabytes through IPC. */
export function listAttachmentsOfCase(db: ArchiveDb, caseId: string): AttachmentMeta[] {
  return db
    .select(META_COLUMNS)
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id))
    .all();
}

export function getAttachmentRow(db: ArchiveDb, id: string): AttachmentRow | undefined {
  return db.select().from(attachments).where(eq(attachments.id, id)).get();
}
