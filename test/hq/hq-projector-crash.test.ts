import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openHqDb, type HqDb } from '../../hq/db/open';
import { CaseProjector } from '../../hq/ingest/case-projector';
import { projectionLag } from '../../hq/ingest/branch-projection';
import { hqProjectionDigest } from '../../hq/ingest/projection-digest';
import { usePostgres } from '../helpers/hq-postgres';
import { useHqProcess } from '../helpers/hq-process';
import { enrollFake } from '../helpers/sync-fixtures';
import { chainEvents, pushCaseWithWork, push, rectification } from './ingest/case-work-fixtures';

/**
 * The background case projector (hq/ingest/case-projector.ts) and a crash: HQ acknowledges pushes
 * once their events are stored and projects them after. Killed in between, it loses nothing: after
 * a restart the projection completes from the durable cursor and equals a projection rebuilt from
 * scratch out of the same events.
 */
const postgres = usePostgres();
const hqProcess = useHqProcess('hq-projector');

async function count(db: HqDb, table: string): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return rows.rows[0]!.n;
}

async function waitForProjection(db: HqDb, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await projectionLag(db)).pendingEvents > 0) {
    if (Date.now() > deadline) throw new Error('projection did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('HQ killed after storing a push but before projecting it', () => {
  it('projects everything after a restart, with the digest of a projection rebuilt from scratch', async () => {
    const databaseUrl = await postgres.newDatabaseUrl();
    // The projector waits ten minutes after each push: HQ stores and acknowledges, nothing more.
    let hq = await hqProcess.start(databaseUrl, { HQ_PROJECTION_DELAY_MS: '600000' });
    const [pc1, pc2] = [await enrollFake(hq, 'BJ01'), await enrollFake(hq, 'BJ01')];
    const caseIds: string[] = [];
    for (const [i, pc] of [pc1!, pc2!, pc1!].entries()) {
      const made = await pushCaseWithWork(hq, pc, {
        caseNo: `BJ01-T1-20261206-00000${i}`,
        overdueActions: 2,
        doneActions: 1,
      });
      caseIds.push(made.caseId);
    }
    // PC2 works PC1's first case: its action is folded into the same case from another chain.
    const action = rectification(caseIds[0]!, { what: '第二台终端补充的整改' });
    await push(
      hq,
      pc2!,
      chainEvents(pc2!, [{ caseId: caseIds[0]!, type: 'case.rectification_added', payload: { action } }]),
    );

    const db = await openHqDb(databaseUrl, 2, { migrate: false });
    try {
      expect(await count(db, 'events')).toBeGreaterThan(20);
      expect(await count(db, 'cases')).toBe(0); // acknowledged, stored, not projected
      expect((await projectionLag(db)).pendingEvents).toBe(await count(db, 'events'));
      await hqProcess.kill();

      hq = await hqProcess.start(databaseUrl); // its start-up sweep finds the branch behind
      await waitForProjection(db, 30_000);
      expect(await count(db, 'cases')).toBe(3);
      expect(await count(db, 'case_rectifications')).toBe(10);
      const afterRestart = await hqProjectionDigest(db);
      const status = await hq.admin.status();
      expect(status.projection).toEqual({ pendingEvents: 0, oldestPendingAt: null });
      expect(status.casesByBranch).toEqual([{ branchCode: 'BJ01', cases: 3 }]);

      // The reference: the same events projected again from nothing, in one pass.
      await hqProcess.kill();
      await db.execute(sql`TRUNCATE cases, case_contacts, case_rectifications, case_referrals`);
      await db.execute(sql`UPDATE projection_cursors SET projected_ingest_id = 0`);
      expect(await hqProjectionDigest(db)).not.toBe(afterRestart);
      const rebuild = new CaseProjector(db, { now: Date.now, delayMs: 600_000 });
      expect(await rebuild.settle()).toBe(true);
      await rebuild.stop();
      expect(await hqProjectionDigest(db)).toBe(afterRestart);
    } finally {
      await db.$client.end();
    }
  }, 180_000);
});
