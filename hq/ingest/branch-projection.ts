import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { SyncEvent } from '../../shared/sync/protocol';
import { projectCases } from './case-projection';
import { projectCaseWork } from './case-work-projection';
import { clearDisposedProjections, redactHeldCopies } from './disposal-redaction';
import { arrayParam } from './event-store';
import { REDACTION_EPOCH, type PushedEvents } from './pushed-events';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];

/** Events read per projection transaction: large enough to fold a case once across many pushes. */
export const PROJECTION_PAGE = 10_000;

/**
 * Projects the next page of a branch's stored events into `cases` and the case-work tables, in
 * `tx`, and moves the branch's cursor past them (docs/SYNC.md "Projection"). The events go through
 * exactly what a push did before projection was deferred, one installation's consecutive run at a
 * time and in arrival order: a disposal's redaction, the case fold, the work rows, the disposed
 * cases' shells. The cursor row is locked first, so one projection per branch runs at a time (a
 * push that must project at once waits for a background run); with `skipLocked` a busy branch is
 * left to whoever holds it (returns null). The events come from `pushed` (the pushes' batches
 * held in memory) when it holds those right after the cursor, else they are read back. Returns how
 * many events were projected.
 */
export async function projectBranchPage(
  tx: Tx,
  branchCode: string,
  now: number,
  options: { skipLocked?: boolean; limit?: number; pushed?: PushedEvents } = {},
): Promise<number | null> {
  const cursor = await lockCursor(tx, branchCode, options.skipLocked ?? false);
  if (cursor === null) return null;
  const limit = options.limit ?? PROJECTION_PAGE;
  const source = options.pushed?.page(branchCode, cursor.at, cursor.epoch, limit) ?? {
    kind: 'read',
    upTo: null,
  };
  const page =
    source.kind === 'memory' ? source : await pendingEvents(tx, branchCode, cursor.at, source.upTo, limit);
  if (page.events.length === 0) return 0;
  for (const run of installationRuns(page.events)) {
    const installation = { id: run[0]!.installationId, branchCode };
    const disposed = await redactHeldCopies(tx, branchCode, run);
    await projectCases(tx, installation, run, now);
    await projectCaseWork(tx, installation, run);
    await clearDisposedProjections(tx, disposed);
  }
  await tx.execute(sql`UPDATE projection_cursors SET projected_ingest_id = ${page.last},
    projected_at = ${now} WHERE branch_code = ${branchCode}`);
  return page.events.length;
}

/** Every pending event of the branch, page after page, in `tx` (a push that cannot wait). */
export async function projectBranchNow(tx: Tx, branchCode: string, now: number): Promise<void> {
  while (((await projectBranchPage(tx, branchCode, now)) ?? 0) > 0);
}

/** The branch's cursor, locked, and the redaction epoch as of the lock (pushed-events.ts). */
async function lockCursor(
  tx: Tx,
  branchCode: string,
  skipLocked: boolean,
): Promise<{ at: number; epoch: number } | null> {
  await tx.execute(sql`INSERT INTO projection_cursors (branch_code) VALUES (${branchCode})
    ON CONFLICT (branch_code) DO NOTHING`);
  const rows = await tx.execute<{ projected_ingest_id: string; epoch: string }>(
    sql`SELECT projected_ingest_id, ${REDACTION_EPOCH} AS epoch FROM projection_cursors
      WHERE branch_code = ${branchCode} FOR UPDATE ${skipLocked ? sql`SKIP LOCKED` : sql``}`,
  );
  const row = rows.rows[0];
  return row ? { at: Number(row.projected_ingest_id), epoch: Number(row.epoch) } : null;
}

/** The branch's stored events after `cursor` (up to `upTo`), read back: a page, and its last ingest id. */
async function pendingEvents(
  tx: Tx,
  branchCode: string,
  cursor: number,
  upTo: number | null,
  limit: number,
): Promise<{ events: SyncEvent[]; last: number }> {
  const rows = await tx.execute<Record<string, unknown>>(
    sql`SELECT ingest_id, id, installation_id, seq, case_id, type, actor_user_id, at, payload,
        prev_hash, hash, hlc FROM events
      WHERE branch_code = ${branchCode} AND ingest_id > ${cursor}
        ${upTo === null ? sql`` : sql`AND ingest_id <= ${upTo}`}
      ORDER BY ingest_id LIMIT ${limit}`,
  );
  const events = rows.rows.map((row): SyncEvent => ({
    id: String(row.id),
    installationId: String(row.installation_id),
    seq: Number(row.seq),
    caseId: row.case_id === null ? null : String(row.case_id),
    type: String(row.type),
    actorUserId: row.actor_user_id === null ? null : String(row.actor_user_id),
    at: Number(row.at),
    payload: String(row.payload),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    ...(row.hlc === null ? {} : { hlc: String(row.hlc) }),
  }));
  const last = rows.rows[rows.rows.length - 1];
  return { events, last: last ? Number(last.ingest_id) : cursor };
}

/** Consecutive events of one installation (a push's batch, or several in a row): seq ranges. */
function installationRuns(stored: readonly SyncEvent[]): SyncEvent[][] {
  const runs: SyncEvent[][] = [];
  for (const event of stored) {
    const run = runs[runs.length - 1];
    if (run && run[0]!.installationId === event.installationId) run.push(event);
    else runs.push([event]);
  }
  return runs;
}

export interface ProjectionLag {
  /** Events stored but not yet projected, all branches. */
  pendingEvents: number;
  /** Arrival time of the oldest of them (epoch ms), null when projection is caught up. */
  oldestPendingAt: number | null;
}

/** How far projection lags: one index range per branch, from its cursor on. */
export async function projectionLag(db: Pick<HqDb, 'execute'>): Promise<ProjectionLag> {
  const rows = await db.execute<{ pending: string; oldest: string | null }>(
    sql`SELECT count(e.ingest_id) AS pending, min(e.received_at) AS oldest
      FROM (SELECT DISTINCT branch_code FROM installations) b
      LEFT JOIN projection_cursors c ON c.branch_code = b.branch_code
      JOIN events e ON e.branch_code = b.branch_code AND e.ingest_id > coalesce(c.projected_ingest_id, 0)`,
  );
  const row = rows.rows[0];
  return {
    pendingEvents: Number(row?.pending ?? 0),
    oldestPendingAt: row?.oldest == null ? null : Number(row.oldest),
  };
}

/** Branches with events stored after their cursor (the projector's work list after a restart). */
export async function branchesBehind(db: Pick<HqDb, 'execute'>): Promise<string[]> {
  const rows = await db.execute<{ branch_code: string }>(
    sql`SELECT b.branch_code FROM (SELECT DISTINCT branch_code FROM installations) b
      LEFT JOIN projection_cursors c ON c.branch_code = b.branch_code
      WHERE EXISTS (SELECT 1 FROM events e WHERE e.branch_code = b.branch_code
        AND e.ingest_id > coalesce(c.projected_ingest_id, 0))`,
  );
  return rows.rows.map((row) => row.branch_code);
}

/** The cursors of `branchCodes` (those without one are left out). */
export async function projectedUpTo(
  db: Pick<HqDb, 'execute'>,
  branchCodes: readonly string[],
): Promise<Map<string, number>> {
  if (branchCodes.length === 0) return new Map();
  const rows = await db.execute<{ branch_code: string; projected_ingest_id: string }>(
    sql`SELECT branch_code, projected_ingest_id FROM projection_cursors
      WHERE branch_code = ANY(${arrayParam(branchCodes)}::text[])`,
  );
  return new Map(rows.rows.map((row) => [row.branch_code, Number(row.projected_ingest_id)]));
}
