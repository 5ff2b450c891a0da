import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Who looked at what (查阅登记): every opening of a case's detail, attachment opened or
 * downloaded, print and export. Not part of the hash-chained history: reads are many, change
 * nothing, and are not synchronised as case events. Written in batches (main/services/audit/
 * access-log.ts) so reading a case costs no commit of its own.
 */
export const accessLog = sqliteTable(
  'access_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(), // epoch ms
    userId: text('user_id').notNull(),
    caseId: text('case_id'),
    action: text('action').notNull(), // shared/domain/audit.ts ACCESS_ACTIONS
    installationId: text('installation_id').notNull(),
    detail: text('detail').notNull(), // JSON: attachment id, letter kind, export format …
  },
  (table) => [
    index('access_log_case_idx').on(table.caseId, table.at),
    index('access_log_at_idx').on(table.at),
  ],
);
export type AccessLogRow = typeof accessLog.$inferSelect;
