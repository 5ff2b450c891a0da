import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { CONTACT_METHODS, CONTACT_OUTCOMES } from '../../shared/domain/contacts';
import { RECTIFICATION_STATUSES } from '../../shared/domain/rectification';
import { REFERRAL_KINDS, REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { cases } from './cases';

/**
 * The work around a case besides its lifecycle: rectification actions, the contact log and
 * referrals. Each row is the projection of its case's history events (`case.rectification_*`,
 * `case.contact_logged`, `case.referral_*`), written in the same transaction, whose payloads carry
 * the whole row so a replica can rebuild it from the events alone.
 */
export const rectificationActions = sqliteTable(
  'rectification_actions',
  {
    id: text('id').primaryKey(), // UUIDv7
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    what: text('what').notNull(),
    department: text('department').notNull(),
    owner: text('owner').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: RECTIFICATION_STATUSES }).notNull(),
    evidence: text('evidence'),
    doneDate: text('done_date'),
    verifiedBy: text('verified_by'),
    verifiedDate: text('verified_date'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('rectification_case_idx').on(t.caseId),
    // The overdue view and the top bar's count: open actions by due date.
    index('rectification_status_due_idx').on(t.status, t.dueDate),
  ],
);
export type RectificationRow = typeof rectificationActions.$inferSelect;

export const caseContacts = sqliteTable(
  'case_contacts',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    contactDate: text('contact_date').notNull(),
    method: text('method', { enum: CONTACT_METHODS }).notNull(),
    contactedBy: text('contacted_by').notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome', { enum: CONTACT_OUTCOMES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('case_contacts_case_idx').on(t.caseId, t.contactDate)],
);
export type ContactRow = typeof caseContacts.$inferSelect;

export const caseReferrals = sqliteTable(
  'case_referrals',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: REFERRAL_KINDS }).notNull(),
    toDepartment: text('to_department'),
    toBranchCode: text('to_branch_code'),
    assignee: text('assignee').notNull(),
    task: text('task').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    answer: text('answer'),
    answeredDate: text('answered_date'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('case_referrals_case_idx').on(t.caseId),
    index('case_referrals_status_due_idx').on(t.status, t.dueDate),
  ],
);
export type ReferralRow = typeof caseReferrals.$inferSelect;
