import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openArchive } from '../../../db/open';
import { buildCaseWhere, caseScopeFor } from '../../../db/queries/case-filter';
import { orderBySql, type CaseSort } from '../../../db/repos/cases/cases.repo';
import { cases } from '../../../db/schema';
import { listCases, registerCase, transitionCase } from '../../../main/services/cases';
import type { CaseFilter } from '../../../shared/domain/case-query';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { insertSyntheticCases } from '../../helpers/synthetic-cases';

/**
 * The grid's ordered-list cache (db/queries/case-list-cache.ts): blocks served from a cached list
 * of row numbers must be exactly the rows an ORDER BY … LIMIT … OFFSET query returns, and any
 * write — on this connection or another — must make the next block read the archive again.
 */
let f: ArchiveFixture;
beforeAll(() => {
  f = createArchiveFixture();
  insertSyntheticCases(f.db, 150);
});
afterAll(() => f.close());

const TODAY = '2026-11-23';

/** The reference: the same filter and sort as one plain SQL query over the whole match set. */
function referenceIds(filter: CaseFilter, sort: readonly CaseSort[], branchCode: string | null): string[] {
  const scope = branchCode ? caseScopeFor({ role: 'clerk', branchCode }) : { branchCodes: null };
  return f.db
    .select({ id: cases.id })
    .from(cases)
    .where(buildCaseWhere(filter, scope, TODAY, 3))
    .orderBy(orderBySql(sort))
    .all()
    .map((row) => row.id);
}

/** Every row through the service in blocks of `block`, as the grid asks for them. */
function pagedIds(
  filter: CaseFilter,
  sort: CaseSort[],
  block: number,
  role: 'analyst' | 'clerk' = 'analyst',
): { ids: string[]; totals: Set<number> } {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let start = 0; ; start += block) {
    const page = listCases(f.ctx(role), { filter, sort, startRow: start, endRow: start + block });
    totals.add(page.total);
    ids.push(...page.rows.map((row) => row.id));
    if (page.rows.length < block) break;
  }
  return { ids, totals };
}

describe('cached ordered lists', () => {
  const cases_: [string, CaseFilter, CaseSort[]][] = [
    ['due date ascending', {}, [{ column: 'dueDate', direction: 'asc' }]],
    [
      'status, then received descending',
      { businessCodes: ['B02'] },
      [
        { column: 'status', direction: 'asc' },
        { column: 'receivedAt', direction: 'desc' },
      ],
    ],
    [
      'priority (an expression) descending',
      { statuses: ['registered', 'accepted', 'closed'] },
      [{ column: 'priority', direction: 'desc' }],
    ],
    ['handler (mostly empty)', {}, [{ column: 'handlerUserId', direction: 'asc' }]],
    ['the default order', { receivedFrom: '2026-07-01' }, []],
  ];
  it.each(cases_)('pages exactly like ORDER BY … OFFSET: %s', (_name, filter, sort) => {
    const expected = referenceIds(filter, sort, null);
    expect(expected.length).toBeGreaterThan(10);
    const { ids, totals } = pagedIds(filter, sort, 7);
    expect(ids).toEqual(expected);
    expect([...totals]).toEqual([expected.length]);
  });

  it('keeps a clerk to their branch', () => {
    const { ids } = pagedIds({}, [{ column: 'caseNo', direction: 'asc' }], 11, 'clerk');
    expect(ids).toEqual(referenceIds({}, [{ column: 'caseNo', direction: 'asc' }], 'BJ01'));
    expect(ids.length).toBe(120);
  });

  it('sees its own writes at once: a new case, and a case leaving a status filter', () => {
    const filter: CaseFilter = { statuses: ['registered'] };
    const before = listCases(f.ctx('analyst'), { filter, sort: [], startRow: 0, endRow: 5 }).total;
    const created = registerCase(f.ctx('clerk'), registration({ request: '网银转账到账延迟，要求说明原因' }));
    const afterAdd = listCases(f.ctx('analyst'), { filter, sort: [], startRow: 0, endRow: 5 });
    expect(afterAdd.total).toBe(before + 1);
    expect(afterAdd.rows[0]?.id).toBe(created.id); // newest received first
    transitionCase(f.ctx('supervisor'), created.id, created.version, { action: 'accept' });
    const afterAccept = listCases(f.ctx('analyst'), { filter, sort: [], startRow: 0, endRow: 5 });
    expect(afterAccept.total).toBe(before);
    expect(afterAccept.rows.map((r) => r.id)).not.toContain(created.id);
  });

  it('sees another connection’s commit (the CLI writing while the app is open)', () => {
    const filter: CaseFilter = { businessCodes: ['B03'] };
    const before = listCases(f.ctx('analyst'), { filter, sort: [], startRow: 0, endRow: 5 }).total;
    const other = openArchive({ file: f.file, key: f.key, mode: 'open' });
    try {
      other.run(
        sql`UPDATE cases SET business_code = 'B01' WHERE row_no = (SELECT min(row_no) FROM cases WHERE business_code = 'B03')`,
      );
    } finally {
      other.$client.close();
    }
    expect(listCases(f.ctx('analyst'), { filter, sort: [], startRow: 0, endRow: 5 }).total).toBe(before - 1);
  });
});

describe('quick search order', () => {
  it('with no sort chosen, lists matches newest registered first, the same with or without the index shortcut', () => {
    // Text only: served from the full-text index's own order (analyst: every branch).
    const fromIndex = pagedIds({ text: '柜面服务' }, [], 6).ids;
    // With another filter that keeps every match: read through `cases`, same order.
    const throughCases = pagedIds({ text: '柜面服务', receivedFrom: '2000-01-01' }, [], 6).ids;
    expect(fromIndex.length).toBeGreaterThan(10);
    expect(fromIndex).toEqual(throughCases);
    const rowNos = fromIndex.map(
      (id) =>
        f.db
          .select({ n: cases.rowNo })
          .from(cases)
          .where(sql`${cases.id} = ${id}`)
          .get()!.n,
    );
    expect(rowNos).toEqual([...rowNos].sort((a, b) => b - a));
  });

  it('does not take the shortcut for a clerk when other branches’ cases are in the archive', () => {
    const ids = pagedIds({ text: '柜面服务' }, [], 50, 'clerk').ids;
    expect(ids.length).toBeGreaterThan(0);
    const expected = f.db
      .select({ id: cases.id })
      .from(cases)
      .where(
        buildCaseWhere({ text: '柜面服务' }, caseScopeFor({ role: 'clerk', branchCode: 'BJ01' }), TODAY, 3),
      )
      .orderBy(sql`${cases.rowNo} DESC`)
      .all()
      .map((row) => row.id);
    expect(ids).toEqual(expected);
    const branches = ids.map(
      (id) =>
        f.db
          .select({ b: cases.branchCode })
          .from(cases)
          .where(sql`${cases.id} = ${id}`)
          .get()!.b,
    );
    expect(new Set(branches)).toEqual(new Set(['BJ01']));
  });

  it('a chosen sort wins over the search order', () => {
    const sort: CaseSort[] = [{ column: 'dueDate', direction: 'asc' }];
    expect(pagedIds({ text: '柜面服务' }, sort, 9).ids).toEqual(
      referenceIds({ text: '柜面服务' }, sort, null),
    );
  });

  it('in a branch’s own archive, a clerk’s search takes the index order and still sees only the branch', () => {
    const own = createArchiveFixture();
    try {
      insertSyntheticCases(own.db, 60, { branchCode: 'BJ01' });
      const ids = listCases(own.ctx('clerk'), {
        filter: { text: '柜面服务' },
        sort: [],
        startRow: 0,
        endRow: 100,
      }).rows.map((r) => r.id);
      const expected = own.db
        .select({ id: cases.id })
        .from(cases)
        .where(sql`${cases.branchCode} = 'BJ01' AND ${cases.requestText} LIKE '%柜面服务%'`)
        .orderBy(sql`${cases.rowNo} DESC`)
        .all()
        .map((row) => row.id);
      expect(expected.length).toBeGreaterThan(5);
      expect(ids).toEqual(expected);
      // A case of another branch arrives: the shortcut no longer applies, and the clerk still sees only BJ01.
      insertSyntheticCases(own.db, 5, { branchCode: 'SH01', startDate: '2025-01-01' });
      const after = listCases(own.ctx('clerk'), {
        filter: { text: '柜面服务' },
        sort: [],
        startRow: 0,
        endRow: 100,
      });
      expect(after.rows.map((r) => r.branchCode)).toEqual(after.rows.map(() => 'BJ01'));
      expect(after.total).toBe(expected.length);
    } finally {
      own.close();
    }
  });
});
