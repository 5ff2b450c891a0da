import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { caseScopeFor } from '../../../../db/queries/case-filter';
import { analyticsWhere, type AnalyticsScope } from '../../../../db/queries/analytics/common';
import { casePages } from '../../../../main/services/reports/case-rows';
import { insertCases } from '../../../helpers/case-rows';

/**
 * The dashboard's queries must walk the analytics indexes, not the wide case rows (each page read
 * is decrypted): at a million cases that is the difference between milliseconds and seconds.
 */
let fx: ArchiveFixture;
let scope: AnalyticsScope;
beforeAll(() => {
  fx = createArchiveFixture();
  scope = { scope: caseScopeFor(fx.actor('supervisor')), today: '2026-11-23', dueSoonDays: 3 };
});
afterAll(() => fx.close());

function plan(query: SQL): string {
  // drizzle's dialect renders the SQL with its parameters, exactly as db.all would run it.
  const { sql: text, params } = (
    fx.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
  ).dialect.sqlToQuery(query);
  const rows = fx.db.$client.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

const RANGE = { receivedFrom: '2026-01-01', receivedTo: '2026-11-23' };

describe('analytics query plans', () => {
  it('counts by class over a date range from the covering analytics index', () => {
    const where = analyticsWhere({ ...RANGE, businessCodes: ['B02'] }, scope);
    expect(
      plan(sql`SELECT substr(cases.cause_code, 1, 3), count(*) FROM cases WHERE ${where} GROUP BY 1`),
    ).toMatch(
      /SEARCH cases USING COVERING INDEX cases_analytics_idx \(received_date>\? AND received_date<\?\)/,
    );
    expect(
      plan(
        sql`SELECT count(cases.is_on_time), sum(cases.is_on_time) FROM cases WHERE ${where} AND cases.is_on_time IS NOT NULL GROUP BY cases.limit_days`,
      ),
    ).toMatch(/COVERING INDEX cases_analytics_idx/);
  });

  it('groups by branch without walking the (branch, received_at) index', () => {
    const where = analyticsWhere(RANGE, scope);
    const detail = plan(
      sql`SELECT +cases.branch_code, count(*) FROM cases WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`,
    );
    expect(detail).not.toMatch(/cases_branch_received_idx/);
    expect(detail).toMatch(/COVERING INDEX cases_(analytics|repeat)_idx/);
  });

  it('finds repeat candidates from the covering repeat index', () => {
    const where = analyticsWhere(RANGE, scope);
    expect(
      plan(
        sql`SELECT cases.id, cases.complainant_id_number_bidx, cases.complainant_phone_bidx, cases.received_at, cases.complainant_name FROM cases WHERE ${where}`,
      ),
    ).toMatch(/COVERING INDEX cases_repeat_idx/);
  });

  it('pages exports along the received_at index, losing no row that shares an instant', () => {
    const where = analyticsWhere(RANGE, scope);
    const detail = plan(
      sql`SELECT cases.row_no FROM cases INDEXED BY cases_received_idx WHERE (cases.received_at, cases.row_no) > (${0}, ${0}) AND ${where} ORDER BY cases.received_at, cases.row_no LIMIT 10`,
    );
    expect(detail).toMatch(/SEARCH cases USING INDEX cases_received_idx \(received_at>\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    // Five cases received at the same instant, one outside the range, paged one at a time.
    insertCases(fx.db, [
      ...Array.from({ length: 5 }, () => ({ receivedDate: '2026-03-03' })),
      { receivedDate: '2026-03-04' },
      { receivedDate: '2025-03-04' },
    ]);
    const pages = [...casePages(fx.db, where, 1, RANGE.receivedFrom)];
    expect(pages.map((p) => p.length)).toEqual([1, 1, 1, 1, 1, 1]);
    const rows = pages.flat();
    expect(rows.map((r) => r.row_no)).toEqual([...rows.map((r) => r.row_no)].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.case_no)).size).toBe(6);
  });
});
