import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, FIRST_RUN, createIpcFixture, expectError, type IpcFixture } from '../../ipc/ipc-fixture';
import { insertCases } from '../../helpers/case-rows';
import { seededCases } from '../../helpers/seeded-cases';
import { analyticsScope, resolveRange } from '../../../main/services/analytics/analytics.service';
import {
  isFactTableLoaded,
  waitForFactCacheWarmUp,
} from '../../../main/services/analytics/fact-cache/fact-cache';
import { dashboardFromSql } from '../../../main/services/analytics/sql-dashboard';
import { caseSettings } from '../../../main/services/cases/case-scope';
import { dashboardRequestSchema } from '../../../shared/domain/analytics';

/**
 * The warm-up as the app runs it: started by a sign-in (app-state.ts) for roles that see the
 * dashboard, awaited by `analytics:dashboard`, stopped by a lock, started again by the next sign-in.
 */
describe('fact cache warm-up at sign-in', () => {
  let f: IpcFixture;
  const CLERK = { username: 'clerk1', password: 'clerk password 1' };
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  beforeAll(async () => {
    f = createIpcFixture();
    await f.ok('archive:create', FIRST_RUN);
    await f.ok('users:add', {
      username: CLERK.username,
      displayName: '赵登记',
      role: 'clerk',
      branchCode: 'BJ01',
      password: CLERK.password,
    });
    insertCases(f.app.requireSession().db, seededCases(600, 21));
    await f.ok('auth:sign-out');
  });
  afterAll(() => f.close());

  it('starts after the sign-in answer, and the dashboard waits for it and equals the SQL dashboard', async () => {
    await f.ok('auth:sign-in', ADMIN);
    const { db, ctx } = f.app.requireSession();
    expect(isFactTableLoaded(db)).toBe(false); // the answer did not wait for the load
    const dashboard = await f.ok('analytics:dashboard', {});
    expect(isFactTableLoaded(db)).toBe(true);
    const request = dashboardRequestSchema.parse({});
    const context = analyticsScope(ctx);
    const sql = dashboardFromSql(db, {
      request,
      range: resolveRange(request, context.today),
      context,
      repeatWindowDays: caseSettings(ctx).repeatWindowDays,
    });
    expect(dashboard.total).toBeGreaterThan(100);
    // The SQL groups repeats by blind-index entry; the service shows each group's identifier,
    // opened for the admin (pii:view). Everything else is the same figure for figure.
    const withoutIdentity = (d: typeof dashboard) => ({
      ...d,
      repeats: { ...d.repeats, groups: d.repeats.groups.map(({ identity: _i, ...g }) => g) },
    });
    expect(withoutIdentity(dashboard)).toEqual(withoutIdentity(sql));
    expect(dashboard.repeats.groups.length).toBeGreaterThan(0);
    for (const group of dashboard.repeats.groups) expect(group.identity).toMatch(/^(\d{17}[\dX]|1\d{10})$/);
    await f.ok('auth:sign-out');
  });

  it('does not load for a role without the dashboard', async () => {
    await f.ok('auth:sign-in', CLERK);
    const { db } = f.app.requireSession();
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(isFactTableLoaded(db)).toBe(false);
    expectError(await f.call('analytics:dashboard', {}), 'FORBIDDEN');
    await f.ok('auth:sign-out');
  });

  it('stops when the archive is locked, quietly, and starts again at the next sign-in', async () => {
    const warn = vi.spyOn(console, 'warn');
    await f.ok('auth:sign-in', ADMIN);
    const first = f.app.requireSession().db;
    const stopped = waitForFactCacheWarmUp(first);
    await f.ok('auth:lock');
    await stopped;
    expect(first.$client.open).toBe(false);
    expect(isFactTableLoaded(first)).toBe(false);
    expectError(await f.call('analytics:dashboard', {}), 'ARCHIVE_LOCKED');
    await f.ok('auth:sign-in', ADMIN);
    const second = f.app.requireSession().db;
    expect(second).not.toBe(first);
    await waitForFactCacheWarmUp(second);
    expect(isFactTableLoaded(second)).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    expect(f.logged).toEqual([]);
    warn.mockRestore();
  });
});
