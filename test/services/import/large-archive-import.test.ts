import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkLoadMode } from '../../../db/bulk-load';
import { indexSize, rebuildSortBytes } from '../../../db/index-sort-memory';
import { searchBacklog } from '../../../db/repos/case-search.repo';
import { verifyChains } from '../../../db/repos/history.repo';
import type { ImportBulkRule } from '../../../main/services/import/batch-writer';
import { runImport } from '../../../main/services/import/import.service';
import { buildSearchIndex } from '../../../main/services/cases/search-index';
import { indexSnapshot } from '../../helpers/index-snapshot';
import { createImportFixture, HEADER, LEDGER } from './import-fixture';

/**
 * The large-archive path of an import (batch-writer.ts ImportBulkRule), at a few thousand rows: the
 * rule's bounds lowered so that an import into an archive that already holds cases drops its
 * secondary indexes and rebuilds them with the large archive's small cache and garbage collection,
 * as a million-case archive's import does. It must leave what the live-index path leaves.
 */
const LARGE_PATH: ImportBulkRule = {
  minShare: 0.5,
  largeArchiveCases: 1_000,
  maxTotalCases: Infinity,
  minRows: 1_000,
  sortBudgetBytes: Infinity,
};
const NAMES = ['张三', '李四', '王五', '赵六', '钱七'];

const fixtures: ReturnType<typeof createImportFixture>[] = [];
afterEach(() => {
  for (const fixture of fixtures.splice(0)) fixture.close();
});

function ledger(dir: string, name: string, first: number, count: number): string {
  const lines = Array.from({ length: count }, (_, i) => {
    const id = first + i;
    const day = new Date(Date.UTC(2023, 0, 1) + ((id * 7919) % 700) * 86_400_000).toISOString().slice(0, 10);
    return `L${id},${NAMES[id % NAMES.length]}${id % 97},${day},要求退还年费第${id % 13}笔,A0101,B0302,C0101\n`;
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, HEADER + lines.join(''));
  return file;
}

/** An archive holding 3,000 imported cases, then 2,000 more imported the way `bulkLoad` says. */
async function importOnTop(bulkLoad: BulkLoadMode, rule?: ImportBulkRule) {
  const fixture = createImportFixture();
  fixtures.push(fixture);
  const ctx = fixture.ctx('supervisor');
  await runImport(ctx, {
    file: ledger(fixture.dir, 'old.csv', 1, 3_000),
    mapping: LEDGER,
    bulkLoad: 'never',
  });
  const before = indexSnapshot(fixture.db.$client);
  // After this import: the entries a rebuild sorts once the 2,000 new rows are in.
  const sortBytes = (name: string) => rebuildSortBytes(indexSize(fixture.db.$client, name), 0);
  const dropped = new Set<number>();
  const presentDuringImport = new Set<string>();
  const report = await runImport(ctx, {
    file: ledger(fixture.dir, 'new.csv', 10_001, 2_000),
    mapping: LEDGER,
    bulkLoad,
    bulkRule: rule,
    options: { batchSize: 250 },
    // Small reads, so that the first batch's estimate of the file's rows (import-run.ts) is close.
    chunkSize: 4 * 1024,
    onProgress: () => {
      const present = indexSnapshot(fixture.db.$client);
      dropped.add(present.length);
      if (present.length < before.length) for (const index of present) presentDuringImport.add(index.name);
    },
  });
  return { fixture, report, before, indexCountsDuringImport: [...dropped], presentDuringImport, sortBytes };
}

/** What the grid, the analytics and search read, by external id (case ids differ between archives). */
function answers(fixture: ReturnType<typeof createImportFixture>) {
  const client = fixture.db.$client;
  const ids = (sql: string) => client.prepare(sql).pluck().all();
  return {
    byDue: ids(
      `SELECT external_id FROM cases WHERE status = 'registered' ORDER BY due_date, external_id LIMIT 200`,
    ),
    byReceived: ids(`SELECT external_id FROM cases ORDER BY received_at DESC, external_id LIMIT 200`),
    perDay: ids(
      `SELECT received_date || ':' || count(*) FROM cases GROUP BY received_date ORDER BY received_date`,
    ),
    search: ids(
      `SELECT c.external_id FROM case_search s JOIN cases c ON c.row_no = s.rowid
       WHERE case_search MATCH '"王五4"' ORDER BY c.external_id`,
    ),
  };
}

describe('an import into an archive that already holds cases, on the large-archive path', () => {
  it('drops and rebuilds every secondary index and leaves the same archive as the live-index path', async () => {
    const large = await importOnTop('auto', LARGE_PATH);
    const live = await importOnTop('never');
    for (const run of [large, live]) expect(run.report).toMatchObject({ imported: 2_000, rejected: 0 });
    // Large path: the indexes were gone while the rows went in; live path: they never were.
    expect(Math.min(...large.indexCountsDuringImport)).toBeLessThan(large.before.length);
    expect(live.indexCountsDuringImport).toEqual([live.before.length]);
    for (const run of [large, live]) {
      const client = run.fixture.db.$client;
      expect(indexSnapshot(client)).toEqual(run.before);
      expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyChains(run.fixture.db)).toEqual([]);
      buildSearchIndex(run.fixture.db);
      expect(searchBacklog(run.fixture.db).pending).toBe(0);
      expect(client.prepare('SELECT count(*) FROM case_search').pluck().get()).toBe(5_000);
    }
    const expected = answers(live.fixture);
    expect(expected.search.length).toBeGreaterThan(0);
    expect(answers(large.fixture)).toEqual(expected);
  });

  it('keeps live the indexes whose rebuild would not fit the sort budget, and leaves the same archive', async () => {
    // A budget between the sorts of a narrow index (received time) and the widest (analytics): read
    // from a first run, since the entries' sizes depend on the fixture's values.
    const probe = await importOnTop('never');
    const narrow = probe.sortBytes('cases_received_idx');
    const wide = probe.sortBytes('cases_analytics_idx');
    expect(wide).toBeGreaterThan(2 * narrow);
    const budgeted = await importOnTop('auto', { ...LARGE_PATH, sortBudgetBytes: (narrow + wide) / 2 });
    expect(budgeted.report).toMatchObject({ imported: 2_000, rejected: 0 });
    expect(budgeted.presentDuringImport).toContain('cases_analytics_idx');
    expect(budgeted.presentDuringImport).toContain('cases_repeat_idx');
    expect(budgeted.presentDuringImport).not.toContain('cases_received_idx');
    const client = budgeted.fixture.db.$client;
    expect(indexSnapshot(client)).toEqual(budgeted.before);
    expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
    buildSearchIndex(budgeted.fixture.db);
    expect(answers(budgeted.fixture)).toEqual(answers(probe.fixture));
  });

  it('keeps the indexes live when the import is small beside the archive', async () => {
    const small = await importOnTop('auto', { ...LARGE_PATH, minShare: 1 });
    expect(small.indexCountsDuringImport).toEqual([small.before.length]);
  });
});
