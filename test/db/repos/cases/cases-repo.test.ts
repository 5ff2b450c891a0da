import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseWhere, caseScopeFor, prefixUpperBound } from '../../../../db/queries/case-filter';
import { CaseNumberCounter, lastCaseSequence } from '../../../../db/repos/cases/case-numbers';
import { updateCase } from '../../../../db/repos/cases/case-writer';
import { listCaseEvents } from '../../../../db/repos/history.repo';
import { ftsPhrase, likePattern } from '../../../../db/repos/case-search.repo';
import type { SQL } from 'drizzle-orm';
import { countCases, getCaseRowById, orderBySql, type CaseSort } from '../../../../db/repos/cases/cases.repo';
import { cases } from '../../../../db/schema';
import { AppError } from '../../../../shared/errors';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { insertSyntheticCases } from '../../../helpers/synthetic-cases';

let f: ArchiveFixture;
beforeAll(() => {
  f = createArchiveFixture();
  insertSyntheticCases(f.db, 120);
});
afterAll(() => f.close());

const all = () => buildCaseWhere({}, { branchCodes: null }, '2026-11-23', 3);

/** A page in `orderBySql` order (the grid's lists read the same order once, in full). */
function page(where: SQL, sort: readonly CaseSort[], offset: number, limit: number) {
  return f.db.select().from(cases).where(where).orderBy(orderBySql(sort)).limit(limit).offset(offset).all();
}

describe('cases repo', () => {
  it('pages through every row exactly once in sort order (row_no breaks ties)', () => {
    const sort = [{ column: 'businessCode', direction: 'desc' }] as const;
    const seen: string[] = [];
    const keys: string[] = [];
    for (let offset = 0; offset < 120; offset += 25) {
      const rows = page(all(), sort, offset, 25);
      seen.push(...rows.map((r) => r.id));
      keys.push(...rows.map((r) => r.businessCode));
    }
    expect(new Set(seen).size).toBe(120);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(countCases(f.db, all())).toBe(120);
  });

  it('scopes by branch', () => {
    const clerkScope = caseScopeFor({ role: 'clerk', branchCode: 'SH01' });
    expect(clerkScope).toEqual({ branchCodes: ['SH01'] });
    expect(caseScopeFor({ role: 'analyst', branchCode: 'SH01' })).toEqual({ branchCodes: null });
    expect(countCases(f.db, buildCaseWhere({}, clerkScope, '2026-11-23', 3))).toBe(24);
    expect(countCases(f.db, buildCaseWhere({}, { branchCodes: [] }, '2026-11-23', 3))).toBe(0);
  });

  it('updates only at the expected version', () => {
    const [row] = page(all(), [], 0, 1);
    const event = (at: number) => ({ type: 'case.edited', actorUserId: null, at, payload: { at } });
    const updated = updateCase(f.db, row!.id, row!.version, { priority: 'urgent' }, event(5));
    expect(updated).toMatchObject({ version: row!.version + 1, priority: 'urgent', updatedAt: 5 });
    expect(() => updateCase(f.db, row!.id, row!.version, { priority: 'major' }, event(6))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }) as AppError,
    );
    expect(getCaseRowById(f.db, row!.id)?.priority).toBe('urgent');
    // The change and its event commit together; the refused one left no event behind.
    // The creation carries the whole row and the change what it set: what sync replays elsewhere.
    expect(listCaseEvents(f.db, row!.id).map((e) => JSON.parse(e.payload) as unknown)).toEqual([
      {
        caseNo: row!.caseNo,
        columns: expect.objectContaining({ caseNo: row!.caseNo, priority: row!.priority }),
      },
      { at: 5, set: { priority: 'urgent' } },
    ]);
    expect(() => updateCase(f.db, 'nope', 1, {}, event(6))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as AppError,
    );
  });

  it('hands out case-number sequences per prefix', () => {
    const counter = new CaseNumberCounter(f.db.$client);
    f.db.transaction(() => {
      expect(counter.next('BJ01', 'T1', '2026-11-23')).toBe('BJ01-T1-20261123-0001');
      expect(counter.next('BJ01', 'T1', '2026-11-23')).toBe('BJ01-T1-20261123-0002');
      expect(counter.next('BJ01', 'T2', '2026-11-23')).toBe('BJ01-T2-20261123-0001');
      counter.flush();
    });
    expect(lastCaseSequence(f.db, 'BJ01-T1-20261123')).toBe(2);
    expect(new CaseNumberCounter(f.db.$client).next('BJ01', 'T1', '2026-11-23')).toBe(
      'BJ01-T1-20261123-0003',
    );
  });
});

describe('search and filter helpers', () => {
  it('quotes FTS input and escapes LIKE wildcards', () => {
    expect(ftsPhrase('a "b" OR c*')).toBe('"a ""b"" OR c*"');
    expect(likePattern('10%_\\')).toBe('%10\\%\\_\\\\%');
  });

  it('bounds a code prefix from above', () => {
    expect(prefixUpperBound('B01')).toBe('B02');
    expect(prefixUpperBound('B09')).toBe('B0:');
    expect('B0999' < prefixUpperBound('B09')).toBe(true);
    expect('B10' < prefixUpperBound('B09')).toBe(false);
  });
});
