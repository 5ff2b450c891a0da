import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { HqDb } from '../db/open';
import { hqContacts, hqRectifications, hqReferrals } from '../db/schema';
import { latestWorkRows, type CaseWorkTable } from '../../shared/sync/case-work-rows';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orderKey } from './chain-check';
import { arrayParam } from './event-store';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/**
 * Projects a batch's case-work events into HQ's tables (hq/db/case-work-schema.ts), in the push's
 * transaction after the events are stored. Each row is its latest event's copy in the fold's order
 * (shared/sync/case-work-rows.ts): within the batch the latest event of each row is kept, and the
 * upsert replaces a held row only when its `last_order` is earlier, so pushes of several PCs
 * arriving in any order end with the same rows.
 */
const TABLES: Record<CaseWorkTable, PgTable> = {
  rectifications: hqRectifications,
  referrals: hqReferrals,
  contacts: hqContacts,
};

export async function projectCaseWork(
  tx: Tx,
  installation: { branchCode: string },
  fresh: readonly SyncEvent[],
): Promise<void> {
  const latest = [...latestWorkRows(fresh).values()];
  for (const [name, table] of Object.entries(TABLES)) {
    const rows = latest
      .filter((entry) => entry.table === name)
      .map(({ event, row }) => ({ ...row, branchCode: installation.branchCode, lastOrder: orderKey(event) }));
    await upsert(tx, table, rows);
  }
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
