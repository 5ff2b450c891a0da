import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The work around each case as head office sees it: rectification actions, referrals and the
 * contact log, projected from the branches' `case.rectification_*`, `case.referral_*` and
 * `case.contact_logged` events in the push's transaction (hq/ingest/case-work-projection.ts).
 * Each event carries the whole row after the change, so a row is the one of its latest event in
 * the fold's order (`last_order`, as `cases`). Indexed by branch, status and due date: the status
 * page counts open, overdue and completed actions per branch. Dates are `YYYY-MM-DD` as the branch
 * wrote them; times epoch ms.
 */
const ms = (name: string) => bigint(name, { mode: 'number' });

export const hqRectifications = pgTable(
  'case_rectifications',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    branchCode: text('branch_code').notNull(),
    what: text('what').notNull(),
    department: text('department').notNull(),
    owner: text('owner').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status').notNull(), // planned | in_progress | done | verified
    evidence: text('evidence'),
    doneDate: text('done_date'),
    verifiedBy: text('verified_by'),
    verifiedDate: text('verified_date'),
    createdBy: text('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    lastOrder: text('last_order').notNull(),
  },
  (t) => [
    index('case_rectifications_branch_idx').on(t.branchCode, t.status, t.dueDate),
    index('case_rectifications_case_idx').on(t.caseId),
  ],
);

export const hqReferrals = pgTable(
  'case_referrals',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    branchCode: text('branch_code').notNull(),
    kind: text('kind').notNull(),
    toDepartment: text('to_department'),
    toBranchCode: text('to_branch_code'),
    assignee: text('assignee').notNull(),
    task: text('task').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status').notNull(), // sent | accepted | answered | closed
    answer: text('answer'),
    answeredDate: text('answered_date'),
    createdBy: text('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    lastOrder: text('last_order').notNull(),
  },
  (t) => [
    index('case_referrals_branch_idx').on(t.branchCode, t.status, t.dueDate),
    index('case_referrals_case_idx').on(t.caseId),
  ],
);

export const hqContacts = pgTable(
  'case_contacts',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    branchCode: text('branch_code').notNull(),
    contactDate: text('contact_date').notNull(),
    method: text('method').notNull(),
    contactedBy: text('contacted_by').notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    lastOrder: text('last_order').notNull(),
  },
  (t) => [
    index('case_contacts_branch_idx').on(t.branchCode, t.contactDate),
    index('case_contacts_case_idx').on(t.caseId),
  ],
);
