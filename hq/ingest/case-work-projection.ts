import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { HqDb } from '../db/open';
import { hqCases, hqContacts, hqRectifications, hqReferrals } from '../db/schema';
import {
  carriedWork,
  CASE_WORK_EVENT_TYPES,
  latestWorkRows,
  TRANSFER_RECEIVED,
  type CaseWorkTable,
  type WorkRowEvent,
} from '../../shared/sync/case-work-rows';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orderKey } from './chain-check';
import { arrayParam } from './event-store';
import { casesThatChangedHands, holdersRowsOf } from './transferred-work';

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
  const changedHands = await casesThatChangedHands(tx, fresh);
  const incremental = fresh.filter((event) => event.caseId === null || !changedHands.has(event.caseId));
  const latest = [...latestWorkRows(incremental.flatMap(withCarriedWork)).values()];
  for (const [name, table] of Object.entries(TABLES)) {
    const rows = latest
      .filter((entry) => entry.table === name)
      .map(({ event, row }) => ({
        ...row,
        branchCode: installation.branchCode,
        lastOrder: lastOrderOf(event),
      }));
    await upsert(tx, table, rows);
  }
  await followCaseBranch(tx, installation.branchCode, incremental, latest.length > 0);
  await reprojectChangedHands(tx, [...changedHands]);
}

/**
 * A case that changed hands gets its work rows again from all its events by the holder rule
 * (transferred-work.ts): the rows the holding branch holds, at the branch that holds the case.
 */
async function reprojectChangedHands(tx: Tx, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const rows = await holdersRowsOf(tx, caseIds);
  const held = await tx.execute<{ id: string; branch_code: string }>(
    sql`SELECT id, branch_code FROM ${hqCases} WHERE id = ANY(${arrayParam(caseIds)}::uuid[])`,
  );
  const branchOf = new Map(held.rows.map((row) => [row.id, row.branch_code]));
  for (const [name, table] of Object.entries(TABLES)) {
    await tx.execute(sql`DELETE FROM ${table} WHERE case_id = ANY(${arrayParam(caseIds)}::uuid[])`);
    const ofTable = rows
      .filter((entry) => entry.table === name && branchOf.has(entry.row.caseId))
      .map(({ event, row }) => ({
        ...row,
        branchCode: branchOf.get(row.caseId)!,
        lastOrder: lastOrderOf(event),
      }));
    await upsert(tx, table, ofTable);
  }
}

/**
 * A received transfer's carried work rows are projected as the receiving branch holds them: in
 * their original event's place, ahead of that event itself (whose copy the sender's disposal of
 * its shell may have redacted), so HQ's rows equal the receiving branch's whatever arrived first.
 */
function withCarriedWork(event: SyncEvent): WorkRowEvent[] {
  if (event.type !== TRANSFER_RECEIVED || event.caseId === null) return [event];
  return carriedWork(event.payload, event.caseId);
}

/** `last_order` of a row's copy; a carried copy sorts just after its original event (see above). */
function lastOrderOf(event: WorkRowEvent): string {
  return orderKey({ ...event, hlc: event.hlc ?? null }) + (event.carried ? '~' : '');
}

/**
 * Work rows are counted at the branch that holds their case now (`cases.branch_code`, which a
 * `case.transfer_received` moves): the rows of a transferred case go with it, including any the
 * sending branch pushes later. Runs after `projectCases`; costs one indexed read per batch with
 * work events, and updates only when a case's rows sit at another branch than the case.
 */
async function followCaseBranch(
  tx: Tx,
  pushingBranch: string,
  fresh: readonly SyncEvent[],
  hasWork: boolean,
): Promise<void> {
  const received = new Set<string>();
  const worked = new Set<string>();
  for (const event of fresh) {
    if (event.caseId === null) continue;
    if (event.type === TRANSFER_RECEIVED) received.add(event.caseId);
    else if (hasWork && CASE_WORK_EVENT_TYPES.has(event.type)) worked.add(event.caseId);
  }
  const moved = new Set(received);
  if (worked.size > 0) {
    const elsewhere = await tx.execute<{ id: string }>(sql`SELECT id FROM ${hqCases}
      WHERE id = ANY(${arrayParam([...worked])}::uuid[]) AND branch_code <> ${pushingBranch}`);
    for (const { id } of elsewhere.rows) moved.add(id);
  }
  if (moved.size === 0) return;
  for (const table of Object.values(TABLES)) {
    await tx.execute(sql`UPDATE ${table} AS w SET branch_code = c.branch_code FROM ${hqCases} AS c
      WHERE w.case_id = ANY(${arrayParam([...moved])}::uuid[]) AND c.id = w.case_id
        AND w.branch_code <> c.branch_code`);
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
