import { blindIndexOf } from '../../../db/pii/pii-state';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createArchiveFixture, userIdFor, type ArchiveFixture } from '../../helpers/archive-fixture';
import { insertCases, type CaseFacts } from '../../helpers/case-rows';
import { dashboardBothWays, seededCases } from '../../helpers/seeded-cases';
import { getDashboard } from '../../../main/services/analytics/analytics.service';
import {
  factTableFor,
  isFactTableLoaded,
  startFactCacheWarmUp,
  waitForFactCacheWarmUp,
} from '../../../main/services/analytics/fact-cache/fact-cache';
import { noteForegroundRequest } from '../../../main/services/foreground';
import { factTableLoadSteps } from '../../../main/services/analytics/fact-cache/fact-load';
import { appendEvent } from '../../../db/repos/history.repo';
import type { DashboardRequestInput } from '../../../shared/domain/analytics';
import type { Role } from '../../../shared/domain/roles';

/**
 * The stepwise load (fact-load.ts) and the warm-up that runs it between other work
 * (fact-cache.ts): whatever is written between two steps, the cache's dashboard must equal the
 * SQL dashboard, and a closed connection must stop the warm-up without an error.
 */

let fx: ArchiveFixture;
afterEach(() => fx.close());

const bothWays = (role: Role, input: DashboardRequestInput, branchCode = 'BJ01') =>
  dashboardBothWays(fx, role, input, branchCode);

const at = (receivedDate: string, extra: Partial<CaseFacts> = {}): CaseFacts => ({
  receivedDate,
  receivedAt: Date.parse(`${receivedDate}T04:00:00Z`),
  ...extra,
});

/** A change as the services make it: the row and its history event in one transaction. */
function edit(id: string, assignments: string): void {
  fx.db.transaction(() => {
    fx.db.$client.prepare(`UPDATE cases SET ${assignments} WHERE id = ?`).run(id);
    appendEvent(fx.db, {
      caseId: id,
      type: 'case.edited',
      actorUserId: userIdFor('admin'),
      payload: {},
      at: Date.now(),
    });
  });
}

const idOn = (where: string) =>
  fx.db.$client
    .prepare(`SELECT id FROM cases WHERE ${where} ORDER BY row_no LIMIT 1`)
    .pluck()
    .get() as string;

/** How many steps a load of the archive as it is takes (with the smallest slices). */
function stepsOfLoad(): number {
  const steps = factTableLoadSteps(fx.db.$client, 0);
  let count = 0;
  while (!steps.next().done) count += 1;
  return count;
}

/**
 * Writes made between steps of the load, by step number, each covering one hazard of the load or
 * of refresh(). The facts take one step per day (the first reads the earliest day); the last few
 * steps walk the identifier and received_at indexes.
 */
function writesBetweenSteps(total: number): Map<number, () => void> {
  return new Map([
    // New cases in ranges already read and in ranges not read yet.
    [3, () => insertCases(fx.db, seededCases(30, 11))],
    // A case read already, moved to a date not read yet: read a second time, must stay one case.
    [
      5,
      () =>
        edit(
          idOn('received_date <= (SELECT min(received_date) FROM cases)'),
          "received_date = '2026-11-22', branch_code = 'SH01'",
        ),
    ],
    // A case not read yet, moved into the range already read: only refresh() finds it.
    [
      6,
      () =>
        edit(
          idOn("received_date > '2026-11-01' AND received_date <> '2026-11-22'"),
          "received_date = '2025-03-01', status = 'closed'",
        ),
    ],
    // Edits while the identifier and received_at indexes are walked.
    [
      total - 2,
      () =>
        edit(
          idOn("complainant_phone = '13800000001' AND received_date > '2026-06-01'"),
          "complainant_phone = '13800000002'",
        ),
    ],
    [total - 1, () => insertCases(fx.db, seededCases(5, 12))],
  ]);
}

describe('stepwise fact cache load', () => {
  it('stays exact when cases are written and edited between its steps', async () => {
    fx = createArchiveFixture();
    insertCases(fx.db, [...seededCases(900, 7), at('2026-10-01', { complainantPhone: '13900000077' })]);
    const writes = writesBetweenSteps(stepsOfLoad());
    let steps = 0;
    const failed: unknown[] = [];
    await startFactCacheWarmUp(fx.db, {
      targetMs: 0, // the smallest slices: one day of facts, 100 identifier entries a step
      onStep: () => {
        try {
          writes.get(++steps)?.();
        } catch (error) {
          failed.push(error); // a write that failed here would pass for a stopped warm-up
        }
      },
    });
    expect(failed).toEqual([]);
    expect(steps).toBeGreaterThan(Math.max(...writes.keys()));
    expect(isFactTableLoaded(fx.db)).toBe(true);
    // After the load, backdated cases of a complainant it saw once: the repeat order needs the
    // instant of the case the load kept none for (the others would follow it, not precede it).
    insertCases(fx.db, [
      at('2026-01-10', { complainantPhone: '13900000077' }),
      at('2026-01-20', { complainantPhone: '13900000077' }),
    ]);
    const table = factTableFor(fx.db);
    expect(table.size).toBe(fx.db.$client.prepare('SELECT count(*) FROM cases').pluck().get());
    for (const [role, branch] of [
      ['analyst', 'BJ01'],
      ['supervisor', 'SH01'],
    ] as const) {
      const { cache, sql } = bothWays(role, { filter: { receivedFrom: '2025-01-01' } }, branch);
      expect(cache).toEqual(sql);
    }
    const split = bothWays('analyst', { granularity: 'week', splitBy: 'branch' });
    // Repeats are grouped by the phone's blind-index entry (the service shows the number itself).
    const phoneKey = blindIndexOf(fx.db.$client, 'phone', '13900000077') ?? '13900000077';
    expect(split.cache.repeats.groups.some((g) => g.identity === phoneKey)).toBe(true);
    expect(split.cache).toEqual(split.sql);
  });

  it('loads the same cache in steps as in one go', () => {
    fx = createArchiveFixture();
    insertCases(fx.db, seededCases(400, 5));
    const steps = factTableLoadSteps(fx.db.$client, 0);
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count += 1;
    const whole = factTableLoadSteps(fx.db.$client, 1_000_000);
    let wholeStep = whole.next();
    while (!wholeStep.done) wholeStep = whole.next();
    expect(count).toBeGreaterThan(100);
    const [a, b] = [step.value, wholeStep.value];
    expect(a.size).toBe(400);
    expect(a.sortedPrefix).toBe(400);
    for (const column of [
      'rowNo',
      'received',
      'due',
      'status',
      'idGroup',
      'phoneGroup',
      'receivedAt',
    ] as const) {
      expect([...a[column].subarray(0, a.size)]).toEqual([...b[column].subarray(0, b.size)]);
    }
  });
});

describe('fact cache warm-up', () => {
  it('stops cleanly when the connection closes (a lock or sign-out) and never loads', async () => {
    fx = createArchiveFixture();
    insertCases(fx.db, seededCases(300, 3));
    const warn = vi.spyOn(console, 'warn');
    let steps = 0;
    const done = startFactCacheWarmUp(fx.db, { targetMs: 0, onStep: () => (steps += 1) });
    while (steps < 5) await new Promise((resolve) => setImmediate(resolve));
    fx.db.$client.close();
    await done;
    expect(steps).toBeLessThan(10);
    expect(isFactTableLoaded(fx.db)).toBe(false);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('is finished, not started again, by a dashboard that cannot wait', async () => {
    fx = createArchiveFixture();
    insertCases(fx.db, seededCases(300, 4));
    let steps = 0;
    const done = startFactCacheWarmUp(fx.db, { targetMs: 0, onStep: () => (steps += 1) });
    while (steps < 3) await new Promise((resolve) => setImmediate(resolve));
    const dashboard = getDashboard(fx.ctx('analyst'), {});
    const stepsWhenAsked = steps;
    await done;
    expect(steps).toBe(stepsWhenAsked); // the loop stopped: the dashboard ran the remaining steps
    expect(isFactTableLoaded(fx.db)).toBe(true);
    expect(dashboard).toEqual(getDashboard(fx.ctx('analyst'), {}));
    expect(dashboard.total).toBeGreaterThan(50);
    await expect(waitForFactCacheWarmUp(fx.db)).resolves.toBeUndefined();
  });

  it('takes no step while user requests keep arriving, and runs straight on once someone waits for it', async () => {
    fx = createArchiveFixture();
    insertCases(fx.db, seededCases(300, 5));
    let steps = 0;
    const done = startFactCacheWarmUp(fx.db, { targetMs: 0, onStep: () => (steps += 1) });
    // A user scrolling: a request every 20 ms for 0.4 s.
    for (let i = 0; i < 20; i++) {
      noteForegroundRequest();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(steps).toBe(0);
    noteForegroundRequest();
    await waitForFactCacheWarmUp(fx.db); // awaited: no more waiting for a pause
    await done;
    expect(steps).toBeGreaterThan(0);
    expect(isFactTableLoaded(fx.db)).toBe(true);
  });
});
