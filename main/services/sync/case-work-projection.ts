import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ArchiveDb } from '../../../db/open';
import { clearWorkTexts } from '../../../db/repos/case-destruction.repo';
import { DISPOSAL_EVENT_TYPE } from '../../../db/repos/history.repo';
import { caseContacts, caseReferrals, rectificationActions } from '../../../db/schema';
import type { FoldEvent } from '../../../shared/sync/case-fold';
import {
  carriedWork,
  latestWorkRows,
  TRANSFER_RECEIVED,
  type CaseWorkTable,
  type WorkRowEvent,
} from '../../../shared/sync/case-work-rows';

/**
 * Writes a case's work rows (rectification actions, contacts, referrals) from ALL its events, as
 * `reprojectCases` does for the `cases` row and in the same transaction: each row is its latest
 * event's copy in fold order (shared/sync/case-work-rows.ts, the same rule as HQ's ingest), so a
 * batch applied twice, or several PCs' events arriving in any order, end with the same rows. A
 * disposed case's rows end with their texts cleared, as on the disposing PC.
 */
const TABLES: Record<CaseWorkTable, SQLiteTable> = {
  rectifications: rectificationActions,
  referrals: caseReferrals,
  contacts: caseContacts,
};

export { TRANSFER_RECEIVED };

type ProjectedEvent = Pick<FoldEvent, 'type' | 'payload'> & Partial<FoldEvent>;

export function projectCaseWorkRows(db: ArchiveDb, caseId: string, events: readonly ProjectedEvent[]): void {
  const latest = latestWorkRows(events.flatMap((event) => workEventsOf(event, caseId)));
  for (const { table, row } of latest.values()) upsertRow(db, TABLES[table], row);
  if (events.some((event) => event.type === DISPOSAL_EVENT_TYPE)) clearWorkTexts(db, caseId);
}

/** Only the columns this version knows; the row replaces the held one whole. */
function upsertRow(db: ArchiveDb, table: SQLiteTable, row: Record<string, unknown>): void {
  const columns = getTableColumns(table);
  const values = Object.fromEntries(Object.keys(columns).map((key) => [key, row[key] ?? null]));
  const { id: _id, ...set } = values;
  db.insert(table).values(values).onConflictDoUpdate({ target: columns.id!, set }).run();
}

/**
 * A received transfer carries the case's work events from the sending branch (their payloads hold
 * the rows); they come before anything this branch did since, whose clock stamps are later.
 */
function workEventsOf(event: ProjectedEvent, caseId: string): WorkRowEvent[] {
  if (event.type === TRANSFER_RECEIVED) return carriedWork(event.payload, caseId);
  if (event.installationId === undefined || event.seq === undefined) return [];
  return [{ ...event, installationId: event.installationId, seq: event.seq, caseId }];
}
