import { sqliteTable, text, integer, blob, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * Lifecycle changes that were valid where they were made but are not in the merged order of every
 * PC's events (two PCs moved the same case while offline). The event stays in the history; the
 * case is flagged until a supervisor resolves it (a `case.conflict_resolved` event). Rebuilt with
 * the case's projection (main/services/sync/case-projection.ts), so every PC holds the same rows.
 */
export const caseConflicts = sqliteTable(
  'case_conflicts',
  {
    caseId: text('case_id').notNull(),
    eventId: text('event_id').notNull(), // the history event that could not be applied
    installationId: text('installation_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The case's status in the merged order when the event came up. */
    statusAtEvent: text('status_at_event').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.eventId] }), index('case_conflicts_hlc_idx').on(t.hlc)],
);
export type CaseConflictRow = typeof caseConflicts.$inferSelect;

/** Scheduler bookkeeping of this installation (last success, last error), one row per key. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Evidence files received from another PC whose case has not arrived yet (its registration comes
 * from a third PC's chain). Moved into `attachments` as soon as the case row exists.
 */
export const syncAttachmentInbox = sqliteTable(
  'sync_attachment_inbox',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sync_attachment_inbox_case_idx').on(t.caseId)],
);
