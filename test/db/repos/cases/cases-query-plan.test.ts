import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildCaseWhere, caseScopeFor } from '../../../../db/queries/case-filter';
import { orderBySql } from '../../../../db/repos/cases/cases.repo';
import { cases } from '../../../../db/schema';
import type { CaseFilter } from '../../../../shared/domain/case-query';
import type { ArchiveDb } from '../../../../db/open';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { insertSyntheticCases } from '../../../helpers/synthetic-cases';

/**
 * The grid's default paths must be index searches, not table scans, or a million-row archive
 * makes every page wait. EXPLAIN QUERY PLAN shows which index SQLite chose.
 * https://www.sqlite.org/eqp.html
 */
let fixture: ArchiveFixture;
beforeAll(() => {
  fixture = createArchiveFixture();
  insertSyntheticCases(fixture.db, 400);
});
afterAll(() => fixture.close());

function plan(db: ArchiveDb, query: { sql: string; params: unknown[] }): string {
  const rows = db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as {
    detail: string;
  }[];
  return rows.map((r) => r.detail).join('\n');
}

function pageQuery(
  db: ArchiveDb,
  filter: CaseFilter,
  role: 'clerk' | 'analyst',
  sort: Parameters<typeof orderBySql>[0],
) {
  const where = buildCaseWhere(filter, caseScopeFor({ role, branchCode: 'BJ01' }), '2026-11-23', 3);
  return db
    .select({ rowNo: cases.rowNo })
    .from(cases)
    .where(where)
    .orderBy(orderBySql(sort))
    .limit(100)
    .offset(200)
    .toSQL();
}

function countQuery(db: ArchiveDb, filter: CaseFilter, role: 'clerk' | 'analyst') {
  const where = buildCaseWhere(filter, caseScopeFor({ role, branchCode: 'BJ01' }), '2026-11-23', 3);
  return db
    .select({ n: sql<number>`count(*)` })
    .from(cases)
    .where(where)
    .toSQL();
}

describe('query plans of the grid default paths', () => {
  it('status + business filter sorted by due date searches cases_status_business_due_idx', () => {
    for (const role of ['clerk', 'analyst'] as const) {
      const detail = plan(
        fixture.db,
        pageQuery(fixture.db, { statuses: ['investigating'], businessCodes: ['B02'] }, role, [
          { column: 'dueDate', direction: 'asc' },
        ]),
      );
      expect(detail, role).toMatch(
        /SEARCH cases USING (COVERING )?INDEX cases_status_business_due_idx \(status=\? AND business_code>\? AND business_code<\?\)/,
      );
    }
  });

  it('one status sorted by due date reads the index in order (no sort step)', () => {
    const detail = plan(
      fixture.db,
      pageQuery(fixture.db, { statuses: ['registered'] }, 'clerk', [{ column: 'dueDate', direction: 'asc' }]),
    );
    expect(detail).toMatch(/USING (COVERING )?INDEX cases_status_due_idx \(status=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('every case sorted by due date reads cases_due_status_business_idx in order (no index on the due date alone)', () => {
    const detail = plan(
      fixture.db,
      pageQuery(fixture.db, {}, 'analyst', [{ column: 'dueDate', direction: 'asc' }]),
    );
    expect(detail).toMatch(/SCAN cases USING (COVERING )?INDEX cases_due_status_business_idx/);
    // Only the tie-break on row_no is sorted, within each due date ("RIGHT PART OF ORDER BY"), never all cases.
    expect(detail).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    const indexes = fixture.db.$client.prepare(`SELECT name FROM pragma_index_list('cases')`).pluck().all();
    expect(indexes).not.toContain('cases_due_idx');
  });

  it('the due-soon and overdue counts search cases_status_due_idx', () => {
    for (const role of ['clerk', 'analyst'] as const) {
      const dueSoon = plan(fixture.db, countQuery(fixture.db, { deadline: 'due_soon' }, role));
      expect(dueSoon, role).toMatch(
        /SEARCH cases USING (COVERING )?INDEX cases_status_due_idx \(status=\? AND due_date>\? AND due_date<\?\)/,
      );
      const overdue = plan(fixture.db, countQuery(fixture.db, { deadline: 'overdue' }, role));
      expect(overdue, role).toMatch(
        /SEARCH cases USING (COVERING )?INDEX cases_status_due_idx \(status=\? AND due_date<\?\)/,
      );
    }
  });

  it('a text query of 3+ characters goes through the FTS index', () => {
    const detail = plan(fixture.db, countQuery(fixture.db, { text: '信用卡年费' }, 'analyst'));
    expect(detail).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });
});
