import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The append-only history of everything that changed: case events and audit events (sign-ins,
 * exports, user and taxonomy changes). Each installation numbers its own events 1, 2, 3 … and
 * chains them: `hash = sha256(prevHash + canonical(event))`. Editing or deleting one breaks the
 * chain, which `verify` reports. Sync will later exchange events per installation in `seq` order.
 */
export const historyEvents = sqliteTable(
  'history_events',
  {
    id: text('id').primaryKey(), // UUIDv7
    installationId: text('installation_id').notNull(),
    seq: integer('seq').notNull(),
    caseId: text('case_id'), // NULL for audit events that concern no single case
    type: text('type').notNull(), // e.g. 'case.registered', 'case.transitioned', 'export.xlsx'
    actorUserId: text('actor_user_id'),
    at: integer('at').notNull(), // epoch ms
    payload: text('payload').notNull(), // canonical JSON: what changed, why
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('history_installation_seq_unique').on(t.installationId, t.seq),
    index('history_case_idx').on(t.caseId, t.at),
    index('history_type_at_idx').on(t.type, t.at),
  ],
);
export type HistoryEventRow = typeof historyEvents.$inferSelect;
