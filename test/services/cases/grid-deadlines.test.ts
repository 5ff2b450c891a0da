import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../../db/repos/history.repo';
import { listCases } from '../../../main/services/cases';
import type { CaseFilter } from '../../../shared/domain/case-query';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { insertCases } from '../../helpers/case-rows';
import { dashboardBothWays } from '../../helpers/seeded-cases';

/**
 * The grid's deadline words and its "overdue" view agree (issue 17 item 10): a case decided late
 * and reopened is "decided late", not overdue; a paused clock is paused, not "n days left". Also
 * "view in case list" after an import (the importedFile filter) and the respondent in search.
 * Today in the fixture is 2026-11-23.
 */
let f: ArchiveFixture;
const ids: Record<string, string> = {};
const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

beforeAll(() => {
  f = createArchiveFixture();
  const [overdue, reopenedLate, paused, closedOnTime, imported, importedOther] = insertCases(f.db, [
    { receivedDate: '2026-10-20', status: 'investigating' },
    {
      receivedDate: '2026-10-01',
      status: 'reopened',
      decidedDate: '2026-10-25',
      isOnTime: false,
    },
    { receivedDate: '2026-10-02', status: 'investigating', pausedSince: '2026-10-10' },
    {
      receivedDate: '2026-10-03',
      status: 'closed',
      decidedDate: '2026-10-10',
      closedDate: '2026-10-10',
      isOnTime: true,
    },
    { receivedDate: '2026-11-20', respondentUnit: 'Ocwen Loan Servicing' },
    { receivedDate: '2026-11-21', respondentStaffUnit: '个人金融部' },
  ]);
  Object.assign(ids, { overdue, reopenedLate, paused, closedOnTime, imported, importedOther });
  f.db.transaction(() => {
    for (const [caseId, sha256, type] of [
      [imported, SHA, 'case.imported'],
      [importedOther, OTHER_SHA, 'case.imported'],
      [overdue, SHA, 'case.import_updated'],
    ] as const)
      appendEvent(f.db, {
        caseId: caseId!,
        type,
        actorUserId: null,
        at: Date.now(),
        payload: { import: { file: 'cfpb.csv', sha256, row: 2, source: 'cfpb' } },
      });
  });
});
afterAll(() => f.close());

const list = (filter: CaseFilter) =>
  listCases(f.ctx('supervisor'), { filter, sort: [], startRow: 0, endRow: 100 });
const idsOf = (filter: CaseFilter) =>
  list(filter)
    .rows.map((r) => r.id)
    .sort();
const rowOf = (key: string) => list({}).rows.find((r) => r.id === ids[key])!;

describe('grid deadlines', () => {
  it('the overdue view holds exactly the rows whose badge says overdue', () => {
    expect(idsOf({ deadline: 'overdue' })).toEqual([ids.overdue]);
    const flagged = list({})
      .rows.filter((r) => r.isOverdue)
      .map((r) => r.id);
    expect(flagged).toEqual([ids.overdue]);
  });

  it('says a reopened case was decided late instead of counting it overdue', () => {
    expect(rowOf('reopenedLate')).toMatchObject({ isOverdue: false, isOnTime: false, daysLeft: null });
    expect(rowOf('closedOnTime')).toMatchObject({ isOverdue: false, isOnTime: true });
    expect(idsOf({ deadline: 'late' })).toEqual([ids.reopenedLate]);
  });

  it('shows a paused clock as paused, neither overdue nor due soon', () => {
    expect(rowOf('paused')).toMatchObject({ isPaused: true, isOverdue: false, isDueSoon: false });
    expect(rowOf('overdue')).toMatchObject({ isPaused: false, isOnTime: null });
  });

  it('the dashboard (fact cache and SQL) counts overdue cases as the grid does', () => {
    const { cache, sql } = dashboardBothWays(f, 'supervisor', {
      filter: { deadline: 'overdue', receivedFrom: '2026-01-01' },
    });
    expect(cache.total).toBe(sql.total);
    expect(cache.timeliness).toEqual(sql.timeliness);
    expect(sql.total).toBe(1);
  });
});

describe('grid filters for imports and respondents', () => {
  it('lists the cases one import created or updated', () => {
    expect(idsOf({ importedFile: SHA })).toEqual([ids.imported, ids.overdue].sort());
    expect(idsOf({ importedFile: OTHER_SHA })).toEqual([ids.importedOther]);
    expect(idsOf({ importedFile: 'c'.repeat(64) })).toEqual([]);
  });

  it('finds a case by its respondent company or unit', () => {
    expect(idsOf({ text: 'Ocwen' })).toEqual([ids.imported]);
    expect(idsOf({ text: '个人金融部' })).toEqual([ids.importedOther]);
  });
});
