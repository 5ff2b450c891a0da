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
    /**
     * Hybrid logical clock stamp (shared/sync/hlc.ts): the order sync replays events in, across
     * installations. '' for events written before the clock existed (they are hashed without it).
     */
    hlc: text('hlc').notNull().default(''),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('history_installation_seq_unique').on(t.installationId, t.seq),
    index('history_case_idx').on(t.caseId, t.at),
    index('history_type_at_idx').on(t.type, t.at),
    // The latest stamp this installation knows (the next local stamp must be later).
    index('history_hlc_idx').on(t.hlc),
    // A case's events in replay order, for re-projecting it when another PC's events arrive.
    index('history_case_hlc_idx').on(t.caseId, t.hlc, t.installationId, t.seq),
  ],
);
export type HistoryEventRow = typeof historyEvents.$inferSelect;
