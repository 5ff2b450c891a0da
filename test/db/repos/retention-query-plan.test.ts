import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshPlannerStatistics } from '../../../db/connection-state';
import { endedCasesSql } from '../../../db/repos/retention.repo';
import { seedArchive } from '../../../main/services/seed/seed-archive';
import { ENDED_STATUSES } from '../../../shared/domain/retention';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';

/**
 * The disposal list reads the cases closed up to a day in closing order. Most of an old archive is
 * closed, so through the status index it read and sorted nearly every case (0.5 s at 100,000);
 * cases_closed_idx answers it from the index alone, already in order. https://www.sqlite.org/eqp.html
 */
let fixture: ArchiveFixture;
beforeAll(() => {
  fixture = createArchiveFixture();
  seedArchive(fixture.db, {
    count: 3_000,
    seed: 'disposal-plan',
    from: '2020-01-01',
    to: '2026-11-30',
    notAfter: Date.UTC(2026, 10, 30, 10, 0, 0),
    history: 'minimal',
    actorUserId: userIdFor('admin'),
  });
  // As at every open: the planner's statistics (db/connection-state.ts).
  refreshPlannerStatistics(fixture.db.$client);
}, 120_000);
afterAll(() => fixture.close());

function plan(branchCodes: string[] | null): string {
  const rows = fixture.db.$client
    .prepare(`EXPLAIN QUERY PLAN ${endedCasesSql(ENDED_STATUSES.length, branchCodes?.length ?? null)}`)
    .all('2023-11-30', ...ENDED_STATUSES, ...(branchCodes ?? [])) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
}

describe('the disposal list’s query plan', () => {
  it.each([
    ['every branch (an administrator)', null],
    ['the supervisor’s branches', ['BJ01', 'SH01']],
  ])('walks cases_closed_idx alone, in order, for %s', (_who, branches) => {
    const detail = plan(branches);
    expect(detail).toMatch(
      /^SEARCH cases USING COVERING INDEX cases_closed_idx \(closed_date>\? AND closed_date<\?\)$/,
    );
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
