import { describe, expect, it } from 'vitest';
import { BULK_LOAD_META_KEY } from '../../../db/bulk-load';
import type { ArchiveDb } from '../../../db/open';
import { verifyChains } from '../../../db/repos/history.repo';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { readRestoreMarker, restoreInBulk } from '../../../main/services/sync/restore/bulk-restore';
import { requireEnrollment } from '../../../main/services/sync/transport/enroll';
import { pullAll } from '../../../main/services/sync/transport/exchange';
import { restoreEngine, syncNow } from '../../../main/services/sync/transport/sync-run';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { hqCasesDigest, pcCasesDigest } from '../../helpers/hq-canonical';

/**
 * A large restore builds the history's indexes once the history holds HISTORY_LIVE_FROM_ROWS events
 * (a sort of bounded size: each index build sorts all its entries in memory) and keeps them up to
 * date for the events after (bulk-restore.ts). Here with small pages and a low threshold: the
 * indexes are back while events still go in, and the restore ends as one that built them at the
 * end — same projection as HQ's, every index there, no marker left.
 */
const setup = useHqWithPcs('restore-live-history');
const CASES = 30;
const PAGE_EVENTS = 10;
const LIVE_FROM = 25;

const indexNames = (db: ArchiveDb) =>
  db.$client.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).pluck().all();
const historyIndexes = (db: ArchiveDb) =>
  db.$client
    .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'history_events'`)
    .pluck()
    .get() as number;
const historyRows = (db: ArchiveDb) =>
  db.$client.prepare('SELECT count(*) FROM history_events').pluck().get() as number;

describe('a large restore keeps the history indexes live past a point', () => {
  it('builds them mid-restore at the threshold and ends as the all-at-the-end restore does', async () => {
    const source = await setup.enrolledPc('source', false);
    for (let i = 0; i < CASES; i++) {
      const { id } = registerCase(source.ctx('clerk'), registration({ request: `第 ${i} 件：要求退还年费` }));
      if (i % 2 === 0) transitionCase(source.ctx('supervisor'), id, 1, { action: 'accept' });
    }
    await syncNow(source.db, source.clock.now());

    const lost = await setup.enrolledPc('lost', true);
    const indexes = indexNames(lost.db);
    const allHistoryIndexes = historyIndexes(lost.db);
    const state = requireEnrollment(lost.db);
    // What the history held (rows, indexes) at each step, in order.
    const seen: { phase: string; rows: number; indexes: number }[] = [];
    await restoreInBulk(
      lost.db,
      restoreEngine,
      (storing) => pullAll(lost.db, state, storing, lost.clock.now(), PAGE_EVENTS),
      lost.clock.now(),
      {
        historyLiveFromRows: LIVE_FROM,
        onStep: (step) =>
          seen.push({ phase: step.phase, rows: historyRows(lost.db), indexes: historyIndexes(lost.db) }),
      },
    );

    // Built once the threshold was passed, while pages were still to come, and live after it.
    const firstBuilt = seen.findIndex(
      (step) => step.phase === 'events' && step.indexes === allHistoryIndexes,
    );
    expect(firstBuilt).toBeGreaterThan(0);
    expect(seen[firstBuilt - 1]!.phase).toBe('indexes');
    const before = seen.slice(0, firstBuilt).filter((step) => step.phase === 'events');
    expect(before.length).toBeGreaterThan(0);
    for (const step of before) expect(step.indexes).toBeLessThan(allHistoryIndexes);
    expect(seen[firstBuilt]!.rows).toBeGreaterThanOrEqual(LIVE_FROM);
    expect(seen[firstBuilt]!.rows).toBeLessThan(historyRows(lost.db));
    for (const step of seen.slice(firstBuilt)) expect(step.indexes).toBe(allHistoryIndexes);

    // The same end as a restore that builds them at the end.
    expect(readRestoreMarker(lost.db)).toBeNull();
    expect(
      lost.db.$client.prepare('SELECT 1 FROM meta WHERE key = ?').get(BULK_LOAD_META_KEY),
    ).toBeUndefined();
    expect(indexNames(lost.db)).toEqual(indexes);
    expect(lost.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyChains(lost.db)).toEqual([]);
    expect(pcCasesDigest(lost.db)).toBe(await hqCasesDigest(setup.hq(), 'BJ01'));
  }, 120_000);
});
