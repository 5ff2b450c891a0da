import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchBacklog } from '../../../db/repos/case-search.repo';
import { listCases } from '../../../main/services/cases';
import { runImport } from '../../../main/services/import/import.service';
import { startSearchIndexing } from '../../../main/services/cases/search-index';
import { createImportFixture, HEADER, LEDGER, row } from './import-fixture';

let fixture: ReturnType<typeof createImportFixture>;
beforeEach(() => {
  fixture = createImportFixture();
});
afterEach(() => fixture.close());

/** Rows of the ledger with one that stands out by its complainant's name. */
function ledger(dir: string, rows: number, name: string): string {
  const file = path.join(dir, `ledger-${rows}.csv`);
  fs.writeFileSync(
    file,
    HEADER +
      Array.from({ length: rows }, (_, i) => row(i + 1, '2024-03-01', i === rows - 7 ? name : '张三')).join(
        '',
      ),
  );
  return file;
}

const found = (text: string) =>
  listCases(fixture.ctx('supervisor'), { filter: { text }, sort: [], startRow: 0, endRow: 10 }).total;
const indexed = (text: string) =>
  fixture.db.$client
    .prepare(`SELECT count(*) FROM case_search WHERE case_search MATCH ?`)
    .pluck()
    .get(`"${text}"`) as number;

describe('an import and the search index', () => {
  it('indexes a small import before its commit', async () => {
    const report = await runImport(fixture.ctx('supervisor'), {
      file: ledger(fixture.dir, 50, '欧阳明珠'),
      mapping: LEDGER,
    });
    expect(report).toMatchObject({ imported: 50, searchIndexPending: 0 });
    expect(indexed('欧阳明珠')).toBe(1);
  });

  it('commits a large import first, finds its cases meanwhile, and reports what the background indexer has left', async () => {
    const rows = 20_100;
    const report = await runImport(fixture.ctx('supervisor'), {
      file: ledger(fixture.dir, rows, '司马相如'),
      mapping: LEDGER,
    });
    expect(report).toMatchObject({ imported: rows, searchIndexPending: rows });
    expect(indexed('司马相如')).toBe(0);
    expect(found('司马相如')).toBe(1);

    await startSearchIndexing(fixture.db);
    expect(searchBacklog(fixture.db).pending).toBe(0);
    expect(indexed('司马相如')).toBe(1);
    expect(found('司马相如')).toBe(1);
  });
});
