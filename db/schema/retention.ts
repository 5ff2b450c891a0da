import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { DISPOSAL_BATCH_KINDS, DISPOSAL_BATCH_STATUSES } from '../../shared/domain/disposal';
import { DOCUMENT_KINDS, RETENTION_CLASSES } from '../../shared/domain/retention';

/**
 * Legal holds (诉讼/监管调查中): while a case has a hold that is not lifted, it cannot be disposed
 * of. Each placing and lifting is also a `case.legal_hold_*` event (who, why), so sync carries it;
 * this table is their projection, for the disposal list's check.
 */
export const legalHolds = sqliteTable(
  'legal_holds',
  {
    id: text('id').primaryKey(), // UUIDv7
    caseId: text('case_id').notNull(),
    reason: text('reason').notNull(),
    placedBy: text('placed_by').notNull(),
    placedAt: integer('placed_at').notNull(),
    liftedBy: text('lifted_by'),
    liftedAt: integer('lifted_at'),
    liftReason: text('lift_reason'),
  },
  (t) => [index('legal_holds_case_idx').on(t.caseId, t.liftedAt)],
);
export type LegalHoldRow = typeof legalHolds.$inferSelect;

/**
 * A disposal batch (销毁批次): proposed by one person, approved (and then carried out) or refused
 * by a different supervisor or administrator. `kind` says why: retention ran out, or a person's
 * request to delete their personal information (PIPL).
 */
export const disposalBatches = sqliteTable(
  'disposal_batches',
  {
    id: text('id').primaryKey(), // UUIDv7
    kind: text('kind', { enum: DISPOSAL_BATCH_KINDS }).notNull(),
    status: text('status', { enum: DISPOSAL_BATCH_STATUSES }).notNull(),
    /** Why: the PIPL request's reference and grounds, or a note on the retention batch. */
    reason: text('reason').notNull(),
    branchCode: text('branch_code').notNull(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: integer('proposed_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('disposal_batches_status_idx').on(t.status, t.proposedAt)],
);
export type DisposalBatchRow = typeof disposalBatches.$inferSelect;

/**
 * The cases of a batch, with what the certificate (销毁清单) lists: no personal information, only
 * the number, category and dates, and after disposal the hash of what was destroyed.
 */
export const disposalItems = sqliteTable(
  'disposal_items',
  {
    batchId: text('batch_id')
      .notNull()
      .references(() => disposalBatches.id),
    caseId: text('case_id').notNull(),
    caseNo: text('case_no').notNull(),
    businessCode: text('business_code').notNull(),
    closedDate: text('closed_date').notNull(),
    retentionClass: text('retention_class', { enum: RETENTION_CLASSES }).notNull(),
    /** First day of disposal under the retention in force when proposed (NULL for a PIPL request). */
    retainUntil: text('retain_until'),
    attachmentCount: integer('attachment_count'),
    /** SHA-256 of the canonical JSON of everything destroyed; NULL until the batch is carried out. */
    destroyedSha256: text('destroyed_sha256'),
    disposedAt: integer('disposed_at'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.caseId] }), index('disposal_items_case_idx').on(t.caseId)],
);
export type DisposalItemRow = typeof disposalItems.$inferSelect;

/**
 * The kind of an attachment when it is not plain evidence: agreements, judgments and appraisals
 * are kept permanently, and so is their case (shared/domain/retention.ts). Projection of
 * `case.document_classified` events; an attachment without a row is evidence.
 */
export const documentKinds = sqliteTable(
  'document_kinds',
  {
    attachmentId: text('attachment_id').primaryKey(),
    caseId: text('case_id').notNull(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    setBy: text('set_by').notNull(),
    setAt: integer('set_at').notNull(),
  },
  (t) => [index('document_kinds_case_idx').on(t.caseId, t.kind)],
);
export type DocumentKindRow = typeof documentKinds.$inferSelect;
