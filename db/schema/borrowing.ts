import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Borrowing requests (借阅登记) for archived cases: who asks, why, for how many days, who decided.
 * Access runs from the approval for `days` days (until `expires_at`); the read services check it
 * on every read (main/services/records/borrowing.service.ts). Every change is a case event too.
 */
export const borrowRequests = sqliteTable(
  'borrow_requests',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    requesterUserId: text('requester_user_id').notNull(),
    reason: text('reason').notNull(),
    days: integer('days').notNull(),
    status: text('status', { enum: ['requested', 'approved', 'refused'] }).notNull(),
    requestedAt: integer('requested_at').notNull(),
    decidedByUserId: text('decided_by_user_id'),
    decidedAt: integer('decided_at'),
    decisionNote: text('decision_note'),
    expiresAt: integer('expires_at'),
  },
  (table) => [
    index('borrow_requests_case_user_idx').on(table.caseId, table.requesterUserId),
    index('borrow_requests_status_idx').on(table.status),
  ],
);
export type BorrowRequestRow = typeof borrowRequests.$inferSelect;
