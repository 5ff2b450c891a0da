import { describe, expect, it } from 'vitest';
import { searchBacklog } from '../../../db/repos/case-search.repo';
import { verifyChains } from '../../../db/repos/history.repo';
import { listCases, registerCase, transitionCase } from '../../../main/services/cases';
import { searchIndexStatus, startSearchIndexing } from '../../../main/services/cases/search-index';
import { startRestore } from '../../../main/services/sync/restore-in-app';
import { readRestoreMarker } from '../../../main/services/sync/restore/bulk-restore';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { hqCasesDigest, pcCasesDigest } from '../../helpers/hq-canonical';

/**
 * A lost PC restored in the app (restore-in-app.ts → the bulk restore on its thread): the restore
 * ends once the cases are projected and indexed in SQL; the full-text index is built after it by
 * the background indexer, as after an import. Meanwhile a search must already find the restored
 * cases (by scanning the waiting ones), and the projection must equal HQ's.
 */
const setup = useHqWithPcs('restore-search');
const CASES = 24;
const PHRASE = '保单现金价值被擅自质押';

function search(pc: ArchiveFixture, text: string): string[] {
  return listCases(pc.ctx('clerk'), { filter: { text }, sort: [], startRow: 0, endRow: 100 }).rows.map(
    (row) => row.id,
  );
}

describe('a lost PC restored in the app', () => {
  it('can search its cases as soon as the restore is done, and the index catches up after', async () => {
    const source = await setup.enrolledPc('source', false);
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const request = i === 7 ? `${PHRASE}，要求解除质押` : `第 ${i} 件：要求退还年费`;
      const { id } = registerCase(source.ctx('clerk'), registration({ request }));
      if (i % 3 === 0) transitionCase(source.ctx('supervisor'), id, 1, { action: 'accept' });
      ids.push(id);
    }
    await syncNow(source.db, source.clock.now());

    const lost = await setup.enrolledPc('lost', true);
    await startRestore(lost.db, () => lost.clock.now());
    // Done, with every case waiting for the full-text index and the indexer started on them.
    expect(readRestoreMarker(lost.db)).toBeNull();
    expect(searchBacklog(lost.db).pending).toBe(CASES);
    expect(searchIndexStatus(lost.db).isIndexing).toBe(true);
    expect(verifyChains(lost.db)).toEqual([]);
    expect(pcCasesDigest(lost.db)).toBe(await hqCasesDigest(setup.hq(), 'BJ01'));

    // Found at once (the scan of the cases the index has not taken yet), and by the index after.
    const found = search(lost, PHRASE);
    expect(found).toEqual([ids[7]]);
    await startSearchIndexing(lost.db);
    expect(searchBacklog(lost.db).pending).toBe(0);
    expect(searchIndexStatus(lost.db).isIndexing).toBe(false);
    expect(search(lost, PHRASE)).toEqual(found);
    const indexed = lost.db.$client
      .prepare('SELECT count(*) FROM case_search WHERE case_search MATCH ?')
      .pluck()
      .get(`"${PHRASE}"`);
    expect(indexed).toBe(1);
  }, 120_000);
});
