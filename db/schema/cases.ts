import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { INTAKE_METHODS, INTERNAL_CAUSES } from '../../shared/domain/case-codes';
import { CASE_STATUSES } from '../../shared/domain/status';

/**
 * The current state of each case: a projection of its history events, updated in the same
 * transaction as the event that changes it. Columns are flat (not JSON) so the grid and the
 * analytics can filter, sort and index them.
 */
export const cases = sqliteTable(
  'cases',
  {
    /**
     * A local integer key. The full-text index is keyed by it: VACUUM may renumber the implicit
     * rowid of a table without an INTEGER PRIMARY KEY, which would silently break that link.
     */
    rowNo: integer('row_no').primaryKey(),
    id: text('id').notNull(), // UUIDv7: globally unique, sortable by creation; what sync uses
    caseNo: text('case_no').notNull(),
    branchCode: text('branch_code').notNull(),
    originInstallationId: text('origin_installation_id').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    receivedAt: integer('received_at').notNull(), // epoch ms
    receivedDate: text('received_date').notNull(), // YYYY-MM-DD on the branch calendar
    channelCode: text('channel_code').notNull(),
    /** How the complaint came in (shared/domain/case-codes.ts); NULL for cases registered before it existed. */
    intakeMethod: text('intake_method', { enum: INTAKE_METHODS }),
    businessCode: text('business_code').notNull(),
    causeCode: text('cause_code').notNull(),
    insuranceCategoryCode: text('insurance_category_code'),
    insuranceLine: text('insurance_line'),
    tags: text('tags').notNull().default('[]'), // JSON array of strings
    priority: text('priority', { enum: ['urgent', 'major', 'ordinary'] }).notNull(),
    riskMedia: integer('risk_media', { mode: 'boolean' }).notNull().default(false),
    riskRegulator: integer('risk_regulator', { mode: 'boolean' }).notNull().default(false),
    riskRepeat: integer('risk_repeat', { mode: 'boolean' }).notNull().default(false),

    complainantKind: text('complainant_kind', { enum: ['person', 'organisation'] }).notNull(),
    complainantName: text('complainant_name').notNull(),
    complainantIdType: text('complainant_id_type'),
    complainantIdNumber: text('complainant_id_number'),
    complainantPhone: text('complainant_phone'),
    complainantAddress: text('complainant_address'),
    orgCreditCode: text('org_credit_code'),
    orgLegalRepresentative: text('org_legal_representative'),
    agentName: text('agent_name'),
    agentPhone: text('agent_phone'),
    agentAuthorisation: text('agent_authorisation'),
    isElderly: integer('is_elderly', { mode: 'boolean' }).notNull().default(false),
    isDisabled: integer('is_disabled', { mode: 'boolean' }).notNull().default(false),
    isGroup: integer('is_group', { mode: 'boolean' }).notNull().default(false),
    groupRepresentatives: text('group_representatives').notNull().default('[]'),

    respondentUnit: text('respondent_unit'),
    respondentStaffName: text('respondent_staff_name'),
    respondentStaffUnit: text('respondent_staff_unit'),

    requestText: text('request_text').notNull(),
    factsText: text('facts_text').notNull().default(''),
    groundsText: text('grounds_text').notNull().default(''),
    productName: text('product_name'),
    accountNumber: text('account_number'),
    amountFen: integer('amount_fen'),

    handlerUserId: text('handler_user_id'),
    conflictDeclaration: text('conflict_declaration'),
    investigationNotes: text('investigation_notes'),
    rootCause: text('root_cause'),
    /** Coded internal root cause (shared/domain/rectification.ts), beside the C cause code. */
    internalCause: text('internal_cause', { enum: INTERNAL_CAUSES }),
    resolutionType: text('resolution_type'),
    resolutionAmountFen: integer('resolution_amount_fen'),
    decisionNotice: text('decision_notice'),
    informedDate: text('informed_date'),
    customerAccepted: integer('customer_accepted', { mode: 'boolean' }),
    satisfaction: text('satisfaction'),
    followUpDate: text('follow_up_date'),
    followUpNotes: text('follow_up_notes'),
    rectificationCause: text('rectification_cause'),
    rectificationAction: text('rectification_action'),
    rectificationOwner: text('rectification_owner'),
    rectificationDue: text('rectification_due'),

    limitDays: integer('limit_days').notNull().default(15),
    dueDate: text('due_date').notNull(),
    pausedSince: text('paused_since'),
    pausedDays: integer('paused_days').notNull().default(0),
    decidedDate: text('decided_date'),
    closedDate: text('closed_date'),
    /** 1 when decided on or before the due date, 0 when late, NULL while undecided. */
    isOnTime: integer('is_on_time', { mode: 'boolean' }),

    mergedIntoCaseId: text('merged_into_case_id'),
    /** Set at the sending branch once the case was transferred through head office: read-only here. */
    transferredTo: text('transferred_to'),
    /** Set at the receiving branch: the branch the case came from (it keeps its original number). */
    transferredFrom: text('transferred_from'),
    reviewRequestedDate: text('review_requested_date'),
    escalatedTo: text('escalated_to'),
    externalSource: text('external_source'),
    externalId: text('external_id'),

    /**
     * Personal identifiers sealed to the archive's PII public key (db/pii, docs/SECURITY.md): the
     * plain columns above then hold only a masked rendering (last four characters), these the
     * sealed value, and the `_bidx` ones a keyed blind index of the normalised value, which is
     * what duplicates, customer history, search and repeat counts match on.
     */
    complainantIdNumberSealed: text('complainant_id_number_sealed'),
    complainantPhoneSealed: text('complainant_phone_sealed'),
    agentPhoneSealed: text('agent_phone_sealed'),
    accountNumberSealed: text('account_number_sealed'),
    complainantIdNumberBidx: text('complainant_id_number_bidx'),
    complainantPhoneBidx: text('complainant_phone_bidx'),
    accountNumberBidx: text('account_number_bidx'),

    registeredBy: text('registered_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cases_id_unique').on(t.id),
    uniqueIndex('cases_case_no_unique').on(t.caseNo),
    uniqueIndex('cases_external_unique').on(t.externalSource, t.externalId),
    // The grid's default paths: filter by status (+ category), sort by due date.
    index('cases_status_business_due_idx').on(t.status, t.businessCode, t.dueDate),
    // With paused_since and decided_date, the overdue and due-soon counts (a running clock on an
    // undecided case only) never read the row.
    index('cases_status_due_idx').on(t.status, t.dueDate, t.pausedSince, t.decidedDate),
    // The grid's default view (open cases, newest first) without sorting every open case.
    index('cases_status_received_idx').on(t.status, t.receivedAt),
    // Paging in due-date order with status/business filters: walk due dates, test the filter in the
    // index, never sort the whole match set (a grid page at offset 500,000 would otherwise sort 700k rows).
    // Also every other due-date order and range: a separate index on the due date alone was dropped
    // (migration 0010) as a prefix of this one, one index less to keep up on every write.
    index('cases_due_status_business_idx').on(t.dueDate, t.status, t.businessCode),
    index('cases_received_idx').on(t.receivedAt),
    index('cases_branch_received_idx').on(t.branchCode, t.receivedAt),
    index('cases_handler_status_idx').on(t.handlerUserId, t.status),
    // The disposal list (retention.repo.ts endedCasesUpTo): cases closed up to a day, in closing
    // order, read from the index alone. Without it SQLite took every ended case through the status
    // index, read its wide row and sorted them all (0.5 s at 100,000 cases, docs/PERFORMANCE.md).
    index('cases_closed_idx')
      .on(t.closedDate, t.caseNo, t.status, t.branchCode, t.businessCode, t.id)
      .where(sql`${t.closedDate} IS NOT NULL`),
    // Duplicate detection at registration, customer history, search by identifier: on the blind index.
    index('cases_id_number_idx').on(t.complainantIdNumberBidx),
    index('cases_phone_idx').on(t.complainantPhoneBidx),
    index('cases_account_idx').on(t.accountNumberBidx),
    // Identifiers still in plaintext (an archive from before sealing, a value written before the PII
    // key existed): empty once sealed, so finding what is left to seal costs nothing at each open.
    index('cases_unsealed_idx')
      .on(t.rowNo)
      .where(
        sql`(${t.complainantIdNumber} IS NOT NULL AND ${t.complainantIdNumberSealed} IS NULL) OR (${t.complainantPhone} IS NOT NULL AND ${t.complainantPhoneSealed} IS NULL) OR (${t.agentPhone} IS NOT NULL AND ${t.agentPhoneSealed} IS NULL) OR (${t.accountNumber} IS NOT NULL AND ${t.accountNumberSealed} IS NULL)`,
      ),
    // Analytics (db/queries/analytics): the dashboard's queries filter on the received date and read
    // only these columns, so they walk this index instead of the wide rows (narratives make a row
    // ~30 times larger than its index entry, and every page read is decrypted).
    index('cases_analytics_idx').on(
      t.receivedDate,
      t.branchCode,
      t.businessCode,
      t.causeCode,
      t.channelCode,
      t.status,
      t.priority,
      t.isOnTime,
      t.limitDays,
      t.decidedDate,
      t.closedDate,
      t.dueDate,
      t.pausedSince,
      t.handlerUserId,
      t.resolutionType,
      t.resolutionAmountFen,
      t.satisfaction,
      t.reviewRequestedDate,
      t.insuranceLine,
      t.riskRepeat,
    ),
    // Repeat complaints: the same, for the complainant identifiers.
    index('cases_repeat_idx').on(
      t.receivedDate,
      t.branchCode,
      t.complainantIdNumberBidx,
      t.complainantPhoneBidx,
      t.receivedAt,
      t.id,
      t.complainantName,
    ),
  ],
);
export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;

/** Evidence files. Stored as BLOBs inside the encrypted archive: one file to back up, one key. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_case_idx').on(t.caseId)],
);

/** Per-prefix sequence for human case numbers (`BJ01-T2-20261123-0007`). */
export const caseNumberCounters = sqliteTable('case_number_counters', {
  prefix: text('prefix').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
});
