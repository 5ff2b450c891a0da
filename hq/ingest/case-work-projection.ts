import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { HqDb } from '../db/open';
import { hqContacts, hqRectifications, hqReferrals } from '../db/schema';
import { contactSchema } from '../../shared/domain/contacts';
import { rectificationActionSchema } from '../../shared/domain/rectification';
import { referralSchema } from '../../shared/domain/referrals';
import { compareEventOrder } from '../../shared/sync/hlc';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orderKey } from './chain-check';
import { arrayParam } from './event-store';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * Projects a batch's case-work events into HQ's tables (hq/db/case-work-schema.ts), in the push's
 * transaction after the events are stored. The branch's services put the whole row after each
 * change in the event (`{ action }`, `{ contact }`, `{ referral }`), so the fold is last writer
 * wins per row in the fold's order (clock stamp, installation, seq): within the batch the latest
 * event of each row is kept, and the upsert replaces a held row only when its `last_order` is
 * earlier, so pushes of several PCs arriving in any order end with the same rows.
 */
interface WorkKind {
  table: PgTable;
  /** The payload property that carries the row. */
  property: string;
  schema: z.ZodType<{ id: string; caseId: string }>;
}

const KINDS: Record<string, WorkKind> = {
  'case.rectification_added': {
    table: hqRectifications,
    property: 'action',
    schema: rectificationActionSchema,
  },
  'case.rectification_moved': {
    table: hqRectifications,
    property: 'action',
    schema: rectificationActionSchema,
  },
  'case.referral_added': { table: hqReferrals, property: 'referral', schema: referralSchema },
  'case.referral_moved': { table: hqReferrals, property: 'referral', schema: referralSchema },
  'case.contact_logged': { table: hqContacts, property: 'contact', schema: contactSchema },
};

export const CASE_WORK_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(KINDS));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Latest {
  kind: WorkKind;
  event: SyncEvent;
  row: Record<string, unknown>;
}

export async function projectCaseWork(
  tx: Tx,
  installation: { branchCode: string },
  fresh: readonly SyncEvent[],
): Promise<void> {
  const latest = latestRows(fresh);
  for (const kind of new Set(Object.values(KINDS))) {
    const rows = [...latest.values()]
      .filter((entry) => entry.kind === kind)
      .map(({ event, row }) => ({ ...row, branchCode: installation.branchCode, lastOrder: orderKey(event) }));
    await upsert(tx, kind.table, rows);
  }
}

/** The latest event's row for each work row the batch touches (payloads that are not a row are skipped). */
function latestRows(fresh: readonly SyncEvent[]): Map<string, Latest> {
  const latest = new Map<string, Latest>();
  for (const event of fresh) {
    const kind = KINDS[event.type];
    if (!kind || event.caseId === null) continue;
    const row = rowOf(kind, event);
    if (!row) continue;
    const held = latest.get(row.id);
    const ordered = { ...event, hlc: event.hlc ?? '' };
    if (held && compareEventOrder({ ...held.event, hlc: held.event.hlc ?? '' }, ordered) > 0) continue;
    latest.set(row.id, { kind, event, row });
  }
  return latest;
}

function rowOf(kind: WorkKind, event: SyncEvent): (Record<string, unknown> & { id: string }) | null {
  let payload: unknown;
  try {
    payload = JSON.parse(event.payload);
  } catch {
    return null;
  }
  const candidate = (payload as Record<string, unknown> | null)?.[kind.property];
  const parsed = kind.schema.safeParse(candidate);
  // A row of another case than its event's, or an id PostgreSQL cannot hold, changes nothing.
  if (!parsed.success || parsed.data.caseId !== event.caseId || !UUID.test(parsed.data.id)) return null;
  return parsed.data as Record<string, unknown> & { id: string };
}

/**
 * One statement per table and batch: each column travels as one array parameter and PostgreSQL
 * unnests them (as hq/ingest/event-store.ts does for events; a multi-row VALUES built by the query
 * builder cost more than the rest of the ingest).
 */
async function upsert(tx: Tx, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(', '));
  const arrays = sql.join(
    columns.map(
      ([key, column]) =>
        sql`${arrayParam(rows.map((row) => row[key] ?? null))}::${sql.raw(column.getSQLType())}[]`,
    ),
    sql`, `,
  );
  const updates = sql.raw(
    columns
      .filter(([key]) => key !== 'id')
      .map(([, column]) => `"${column.name}" = excluded."${column.name}"`)
      .join(', '),
  );
  await tx.execute(sql`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) AS u(${names})
    ON CONFLICT (id) DO UPDATE SET ${updates} WHERE excluded.last_order > ${table}.last_order`);
}
