import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../shared/domain/roles';

/**
 * People who sign in. Passwords are not here: a user proves their password by unwrapping their
 * slot in the key file (see main/services/keyring). This row says what they may do.
 */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  branchCode: text('branch_code').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
export type UserRow = typeof users.$inferSelect;

/** Named grid filters per user ("my open cases", "due this week"). */
export const savedViews = sqliteTable('saved_views', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  definition: text('definition').notNull(), // JSON: filter model, sort model, columns
  createdAt: integer('created_at').notNull(),
});

/** Unsaved form contents, written as the user types, so a crash or an idle lock loses nothing. */
export const drafts = sqliteTable('drafts', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  kind: text('kind').notNull(), // 'case-registration', 'case-edit:<caseId>'
  payload: text('payload').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
